"""markdown.broken classes: documents, table rows, headings and descriptions a pipeline cut."""

from __future__ import annotations

import random
import re

from wild import WildClass, paragraph_starts

_LINK = re.compile(r"\[[^\]\n]{3,80}\]\((https?://[^)\s]{12,300})\)")
_HEADING = re.compile(r"^#{2,4} [^\n]{2,80}$", re.MULTILINE)
_COMMA = re.compile(r"[，,、](?=[^\n]{6})")
_CONNECTIVE = re.compile(r"(?<=[^\sA-Za-z])(?:以及|包括|同时|同時|並且|并且|而且)|(?<=\s)(?:and|including|but)(?=\s)")
_FRONT_KEY = re.compile(r"^(description|title|summary)[ \t]*:[ \t]*\"?([^\n\"]{30,})\"?[ \t]*$", re.MULTILINE)
_NAME = re.compile(
    r"(?<![A-Za-z])(Anthropic|OpenAI|Google|Microsoft|NVIDIA|Nvidia|DeepSeek|Gemini|Claude|Copilot|Perplexity|"
    r"Amazon|Alibaba|Tencent|Samsung|Qualcomm|Midjourney|Mistral|HuggingFace|Hugging Face)(?![A-Za-z])"
)


def _prose_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of body lines that are prose paragraphs (no table, heading, list, HTML, code)."""
    out: list[tuple[int, int]] = []
    fence = False
    for start in [0, *paragraph_starts(text)]:
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        line = text[start:end]
        if line.startswith(("```", "~~~")):
            fence = not fence
        if fence or not line.strip() or line.lstrip()[:1] in "|#<>-*!`[" or line[:1].isdigit():
            continue
        out.append((start, end))
    return out


def _cut_in_link(text: str, rng: random.Random, script: str) -> tuple[str, int, int] | None:
    """The export stopped inside a link: in its address or its text; the rest is gone."""
    lines = _prose_lines(text)
    links = [m for a, b in lines for m in _LINK.finditer(text, a, b)]
    if not links:
        return None
    m = rng.choice(links)
    if rng.random() < 0.6:
        cut = rng.randint(m.start(1) + 8, m.end(1) - 1)  # inside the address
    else:
        cut = rng.randint(m.start() + 2, m.start(1) - 3)  # inside the link text
    new = text[:cut] + "\n"
    return new, m.start(), cut


def _cut_mid_sentence(text: str, rng: random.Random, script: str) -> tuple[str, int, int] | None:
    """The export stopped after a clause: right after a comma or a connective; the rest is gone."""
    cuts = [
        m.end()
        for a, b in _prose_lines(text)
        if b - a > 30
        for m in (*_COMMA.finditer(text, a, b), *_CONNECTIVE.finditer(text, a, b))
        if m.start() - a > 12
    ]
    if not cuts:
        return None
    cut = rng.choice(cuts)
    return text[:cut] + "\n", max(cut - 2, 0), cut


def _table_rows(text: str) -> list[tuple[int, int, int]]:
    """(row start, row end, header cells) of GFM body rows."""
    out: list[tuple[int, int, int]] = []
    lines = text.split("\n")
    offsets = [0]
    for ln in lines:
        offsets.append(offsets[-1] + len(ln) + 1)
    i = 0
    while i + 2 < len(lines):
        head, delim = lines[i].strip(), lines[i + 1].strip()
        if head.startswith("|") and re.fullmatch(r"\|?(\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*\|?", delim):
            cells = head.strip("|").count("|") + 1
            j = i + 2
            while j < len(lines) and lines[j].strip().startswith("|"):
                out.append((offsets[j], offsets[j] + len(lines[j]), cells))
                j += 1
            i = j
        else:
            i += 1
    return out


def _table_cells(text: str, rng: random.Random, script: str) -> tuple[str, int, int] | None:
    """A row with the wrong cell count: a '|' inside a link or code, or a row cut off mid-row."""
    rows = [r for r in _table_rows(text) if r[2] >= 2]
    if not rows:
        return None
    a, b, _cells = rng.choice(rows)
    row = text[a:b]
    link = re.search(r"\[([^\]|]{8,})\]\(", row)
    how = rng.random()
    if link is not None and how < 0.45:
        words = link.group(1)
        at = words.find(" ", len(words) // 3)
        at = at if at > 0 else len(words) // 2
        sep = rng.choice([" | ", " | ", "｜", " |"]) if script != "en" else rng.choice([" | ", " |"])
        if sep == "｜":
            sep = " | "
        new_row = row[: link.start(1) + at] + sep + row[link.start(1) + at :]
        new = text[:a] + new_row + text[b:]
        return new, a, a + len(new_row)
    if how < 0.6:
        pos = row.rfind("|", 0, len(row) - 1)
        new_row = row[:pos] + "| `grep -E 'a|b'` " + row[pos:]
        return text[:a] + new_row + text[b:], a, a + len(new_row)
    # cut off mid-row: keep the first cells, stop inside the next
    pipes = [i for i, c in enumerate(row) if c == "|"]
    if len(pipes) < 3:
        return None
    k = rng.randint(1, len(pipes) - 2)
    stop = rng.randint(pipes[k] + 2, max(pipes[k] + 2, pipes[k + 1] - 1))
    new_row = row[:stop].rstrip(" |")
    if new_row.endswith("|"):
        return None
    return text[:a] + new_row + text[b:], a, a + len(new_row)


def _spliced_heading(text: str, rng: random.Random, script: str) -> tuple[str, int, int] | None:
    """A heading glued onto the cut-off end of the paragraph before it (專為印## <a id=…>)."""
    lines = _prose_lines(text)
    options = []
    for h in _HEADING.finditer(text):
        before = [(a, b) for a, b in lines if b < h.start() and h.start() - b < 6]
        if before:
            options.append((before[-1], h))
    if not options:
        return None
    (a, b), h = rng.choice(options)
    if b - a < 12:
        return None
    cut = rng.randint(a + (b - a) // 2, b - 2)
    new = text[:cut] + text[h.start() :]
    return new, cut, cut + (h.end() - h.start())


def _truncated_value(text: str, rng: random.Random, script: str) -> tuple[str, int, int] | None:
    """A front-matter description cut inside a name (Anthropi) or at a round length."""
    if not text.startswith("---\n"):
        return None
    fm_end = text.find("\n---", 4)
    m = _FRONT_KEY.search(text, 4, fm_end) if fm_end > 0 else None
    if m is None:
        return None
    value = m.group(2)
    body = text[fm_end:]
    names = [n for n in _NAME.finditer(body)]
    if names and rng.random() < 0.6:
        name = rng.choice(names).group(0)
        keep = value[: rng.randint(len(value) // 3, max(len(value) // 3, len(value) - 1))]
        cut_name = name[: rng.randint(3, len(name) - 1)]
        joiner = "" if script != "en" and rng.random() < 0.5 else " "
        new_value = keep.rstrip() + joiner + cut_name
    else:
        source = value + body.replace("\n", "")[:300]
        limit = rng.choice([150, 160, 200])
        if len(source) <= limit:
            return None
        new_value = source[:limit]
        if new_value[-1] in "。！？.!?）)」』\"”'…》】]\\" or new_value.endswith(" "):
            return None
    line = f'{m.group(1)}: "{new_value}"'
    new = text[: m.start()] + line + text[m.end() :]
    return new, m.start(), m.start() + len(line)


CLASSES = [
    WildClass("markdown-cut-in-link", "markdown.broken", _cut_in_link),
    WildClass("markdown-cut-mid-sentence", "markdown.broken", _cut_mid_sentence),
    WildClass("markdown-table-cells", "markdown.broken", _table_cells),
    WildClass("markdown-spliced-heading", "markdown.broken", _spliced_heading),
    WildClass("markdown-truncated-value", "markdown.broken", _truncated_value),
]
