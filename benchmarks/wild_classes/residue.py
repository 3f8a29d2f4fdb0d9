"""text.llm-residue classes: assistant chatter left in a published digest."""

from __future__ import annotations

import random

from wild import WildClass, insert_paragraph

_CLOSERS = {
    "hans": ["希望这个版本对您有帮助！", "以上内容已为您整理完毕，如需调整请随时告诉我。"],
    "hant": ["希望這個版本對您有幫助！", "以上內容已為您整理完畢，如需調整請隨時告訴我。"],
    "en": ["I hope this version helps! Let me know if you'd like any changes."],
}


def _closer(text: str, rng: random.Random, script: str) -> tuple[str, int, int] | None:
    return insert_paragraph(text, rng, rng.choice(_CLOSERS[script]))


CLASSES = [WildClass("residue-closer-anywhere", "text.llm-residue", _closer)]
