"""Finding the quantities a source document states, by one rule (README, "Every number accounted for"),
and reading Chinese numerals (五十亿, 二百亿, 千亿) as numbers.

A quantity is a run of Arabic numerals (with a decimal point, thousands separators or a fraction
bar, and a following %, 万 or 亿 and unit taken with it), or a run of Chinese numerals followed by
one of COUNTED or ending in 万 or 亿. Left out: dates, ordinals, list numbering, document numbers
and NAMES; ``exclusion`` says which applies."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

ARABIC = r"[0-9０-９]+(?:[,，][0-9０-９]{3}(?![0-9０-９]))*(?:[.．][0-9０-９]+)?(?:[/／][0-9０-９]+)?"
CHINESE = "〇零一二两三四五六七八九十百千万亿"
RUN = re.compile(f"{ARABIC}|[{CHINESE}]+")

UNITS = ("个百分点", "万平方米", "平方米", "亿美元", "万美元", "美元", "亿元", "万元", "元", "万件", "万家", "万人",
         "家", "个", "人", "件", "项", "场", "次", "所", "名", "亩", "批", "份", "位", "倍", "%", "％", "万", "亿")
"""What is taken into a quantity's text after its number: a unit, with its multiplier (longest first)."""
COUNTED = ("美元", "元", "家", "个", "人", "件", "项", "场", "次", "所", "名", "亩", "份", "倍")
"""The units after which Chinese numerals are a quantity (三个, 五所); not 批, 条 or 位, whose 一批,
六条 and 五位一体 say "a number of", "articles" and a slogan."""

NAMES = ("十二五", "十三五", "十四五", "十九大", "新一代", "一带一路", "一次性", "千人计划", "三个着力", "四个面向",
         "一对一", "工业 4.0", "工业4.0")
"""Names and set phrases that hold numerals but state no quantity (the 13th Five-Year period, the
next generation, a one-off payment, a talent programme, slogans). Numerals joined to Latin letters
(5G, 3D, O2O) are names too."""

DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
SMALL = {"十": 10, "百": 100, "千": 1000}
DASHES = "—–~～至\\-"
FULL = str.maketrans("０１２３４５６７８９．，／", "0123456789.,/")


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number a text states: where its numerals are, and its text with any multiplier and unit."""

    start: int
    numeral_end: int
    end: int
    chinese: bool

    def text(self, doc: str) -> str:
        """The quantity as written, with its unit: ``250家``, ``五十亿``, ``10.14 亿元``."""
        return doc[self.start:self.end]


def chinese_value(text: str) -> Decimal | None:
    """The number Chinese numerals write (五十 → 50, 二百亿 → 20000000000, 千亿, 一百零五), or None
    when the run is not a well-formed number (千百十, 二二)."""
    if not text or set(text) <= {"万", "亿"}:
        return None
    high, sep, low = text.rpartition("亿")
    hi, lo = (_below_yi(high or "一"), _below_yi(low)) if sep else (0, _below_yi(text))
    return None if hi is None or lo is None else Decimal(hi * 100_000_000 + lo)


def _below_yi(text: str) -> int | None:
    high, sep, low = text.rpartition("万")
    if sep:
        hi, lo = _section(high or "一"), _section(low)
        return None if hi is None or lo is None else hi * 10_000 + lo
    return _section(text)


def _section(text: str) -> int | None:
    """A number below 10,000 (五十, 一百零五, 十八); None if malformed."""
    total, digit, last = 0, None, 10_000
    for c in text:
        if c in DIGITS:
            if digit is not None and digit != 0:
                return None
            digit = DIGITS[c]
        elif c in SMALL:
            unit = SMALL[c]
            if unit >= last or (digit is None and total):  # 一 is left out only at the start (百, 十八)
                return None
            total += (1 if digit is None else digit) * unit
            digit, last = None, unit
        else:
            return None
    return total + (digit or 0)


def quantities(doc: str) -> list[Quantity]:
    """Every quantity ``doc`` states, in order, leaving out what ``exclusion`` names."""
    found = []
    for m in RUN.finditer(doc):
        q = _quantity(doc, m.start(), m.end())
        if q is not None and exclusion(doc, q) is None:
            found.append(q)
    return found


def _quantity(doc: str, start: int, end: int) -> Quantity | None:
    """The quantity whose numerals are ``doc[start:end]``, with its unit; None for Chinese numerals
    that are no quantity (一流, 万众, 一批)."""
    chinese = doc[start] in CHINESE
    after = end
    if chinese:
        if set(doc[start:end]) <= {"万", "亿"}:
            return None
        if doc[end - 1] not in "万亿" and not doc.startswith(COUNTED, end):
            return None
    else:
        while after < len(doc) and doc[after] == " ":
            after += 1
    unit = next((u for u in UNITS if doc.startswith(u, after)), None)
    return Quantity(start, end, end if unit is None else after + len(unit), chinese)


def exclusion(doc: str, q: Quantity) -> str | None:
    """Why ``q`` is not a quantity to account for (``date``, ``ordinal``, ``numbering``,
    ``document number``, ``name``), or None."""
    before = doc[max(0, q.start - 8):q.start].rstrip(" ")
    after = doc[q.numeral_end:q.numeral_end + 24].lstrip(" ")
    if _is_date(doc, q, after):
        return "date"
    if before.endswith(("第", "届")):
        return "ordinal"
    if _is_numbering(doc, q):
        return "numbering"
    if after.startswith("号") or _in_document_number(doc, q):
        return "document number"
    if _is_name(doc, q):
        return "name"
    return None


def _is_date(doc: str, q: Quantity, after: str) -> bool:
    """A number followed by 年, 月 or 日 (or by a range ending in one: 1-5月), a year before 底, 末,
    初 or 全年, either year of a range of years (2019—2021), or part of an ISO date (2020-08-06)."""
    if after.startswith(("年", "月", "日")):
        return True
    if q.chinese:
        return False
    year = _is_year(doc[q.start:q.numeral_end])
    rest = re.match(f"[{DASHES}] *({ARABIC}) *([年月日])?", after)
    if rest and (rest.group(2) or (year and _is_year(rest.group(1)))):
        return True
    if year and re.search(f"{YEAR} *[{DASHES}] *$", doc[max(0, q.start - 8):q.start]):
        return True
    if year and after.startswith(("底", "末", "初", "全年")):
        return True
    return _inside(doc, q, r"(?<![0-9])[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?![0-9])")


YEAR = "(?:19|20)[0-9]{2}"


def _is_year(number: str) -> bool:
    return re.fullmatch(YEAR, number.translate(FULL)) is not None


def _inside(doc: str, q: Quantity, pattern: str) -> bool:
    """Whether ``q`` begins inside a match of ``pattern`` near it."""
    lo = max(0, q.start - 12)
    return any(lo + m.start() <= q.start < lo + m.end() for m in re.finditer(pattern, doc[lo:q.numeral_end + 12]))


def _is_numbering(doc: str, q: Quantity) -> bool:
    """List numbering at the start of an item: 一、 （一） (1) 1. 1、 1．"""
    line_start = doc.rfind("\n", 0, q.start) + 1
    head = doc[line_start:q.start].strip(" \t\u3000")
    tail = doc[q.numeral_end:q.numeral_end + 1]
    if head in ("(", "（"):
        return tail in (")", "）")
    return head == "" and tail in ("、", ".", "．")


def _in_document_number(doc: str, q: Quantity) -> bool:
    """Inside 〔2020〕32号 and the like: the year in brackets and the number before 号."""
    return _inside(doc, q, r"[〔\[［(（] *[0-9]{4} *[〕\]］)）] *[0-9]+ *号")


def _is_name(doc: str, q: Quantity) -> bool:
    """Inside one of NAMES, or numerals joined to Latin letters (5G, 3D, O2O)."""
    if not q.chinese and (_latin(doc, q.start - 1) or _latin(doc, q.numeral_end)):
        return True
    for name in NAMES:
        lo = max(0, q.start - len(name))
        at = doc.find(name, lo, q.numeral_end + len(name))
        while at != -1 and at <= q.start:
            if at + len(name) >= q.numeral_end:
                return True
            at = doc.find(name, at + 1, q.numeral_end + len(name))
    return False


def _latin(doc: str, i: int) -> bool:
    return 0 <= i < len(doc) and doc[i].isascii() and doc[i].isalpha()


def lead(doc: str, q: Quantity) -> int:
    """Where the two characters before ``q`` on its line begin (spaces between are kept but not
    counted; fewer at the start of a line). A note names a quantity with them."""
    i, n = q.start, 0
    while i > 0 and n < 2 and doc[i - 1] not in "\n\r\t":
        n += doc[i - 1] != " "
        i -= 1
    while i < q.start and doc[i] == " ":
        i += 1
    return i
