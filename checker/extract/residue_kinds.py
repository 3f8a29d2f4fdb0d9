"""What text.llm-residue says of each kind of residue (checker/extract/residue.py finds them)."""

from __future__ import annotations

DESCRIBE = {
    "opener": "an opener answering the request",
    "closer": "a closer addressed to the requester",
    "edit notes": "notes on how the draft was edited",
    "draft label": "a label for the reworked draft",
    "offer": "an offer of further help",
    "requester": "words to whoever asked for the draft",
    "self-reference": "the assistant speaking of itself",
    "draft talk": "the draft talking about itself",
    "placeholder": "a blank left for the requester to fill in",
    "process talk": "the drafting pipeline talking about its inputs or its rules",
    "reasoning trace": "a model thinking aloud about its task",
    "generation tag": "the generating model's tag left in the text",
}


# the surest shapes: nobody else writes "好的，以下是整理後的文稿：" or "您提供的文稿"
CONFIDENCE = {
    "reasoning trace": 0.95,
    "generation tag": 0.95,
    "opener": 0.95,
    "self-reference": 0.95,
    "requester": 0.95,
    "draft label": 0.95,
    "placeholder": 0.95,
}
