"""The quantity rule: what counts as a quantity in a source document, each exclusion, and Chinese numerals."""

from __future__ import annotations

from decimal import Decimal

import pytest

from plancheck.load.quantities import chinese_value, quantities


def found(doc: str) -> list[str]:
    return [q.text(doc) for q in quantities(doc)]


@pytest.mark.parametrize(("numerals", "value"), [
    ("五十", 50), ("二百", 200), ("两百", 200), ("百", 100), ("千", 1000), ("十八", 18), ("一百零五", 105),
    ("五十亿", 5_000_000_000), ("二百亿", 20_000_000_000), ("千亿", 100_000_000_000), ("一千亿", 100_000_000_000),
    ("三万五千", 35_000), ("一万", 10_000), ("五百亿", 50_000_000_000),
])
def test_chinese_numerals_are_read_as_numbers(numerals: str, value: int) -> None:
    assert chinese_value(numerals) == Decimal(value)


@pytest.mark.parametrize("numerals", ["千百十亿", "二二", "亿", "万", ""])
def test_malformed_chinese_numerals_have_no_value(numerals: str) -> None:
    assert chinese_value(numerals) is None


def test_arabic_numerals_with_decimals_separators_percent_multiplier_and_unit() -> None:
    doc = "实际利用外资到位6.788亿美元,同比增长4%;有效高企1,540家;累计达到 10.14 亿元;占比1/3;培训技能人才1万人"
    assert found(doc) == ["6.788亿美元", "4%", "1,540家", "10.14 亿元", "1/3", "1万人"]


def test_chinese_numerals_count_before_a_unit_or_ending_in_wan_or_yi() -> None:
    doc = "实现五十亿产业规模,总体形成百亿级产业规模,打造千亿级产业集群,打造四个主题片区,匹配五所高校"
    assert found(doc) == ["五十亿", "百亿", "千亿", "四个", "五所"]


def test_chinese_numerals_in_words_are_no_quantity() -> None:
    assert found("建设一流园区,万众创新,培育一批企业,五位一体,一是加快,十足") == []


@pytest.mark.parametrize("doc", [
    "2019年5月底前完成", "2020年12月31日", "成文日期: 2020-08-06", "三年行动计划(2020—2022年)",
    "（2019—2021）", "2011-2015 年", "截至 2015 年底", "2015 全年", "1-5月累计",
])
def test_dates_are_left_out(doc: str) -> None:
    assert found(doc) == []


@pytest.mark.parametrize("doc", ["区人民政府第62次常务会议", "举办第三届创新创业大赛", "区委五届六次全会",
                                 "第十三个五年规划"])
def test_ordinals_are_left_out(doc: str) -> None:
    assert found(doc) == []


@pytest.mark.parametrize("doc", ["一、工作目标", "（一）主要成绩", "(一)指导思想", "1.科学编制", "2. 壮大产业",
                                 "1、科技投入", "1．推进创新", "（1）加强领导", "  3.支持核心区"])
def test_list_numbering_at_the_start_of_an_item_is_left_out(doc: str) -> None:
    assert found("前文\n" + doc + "。") == []


def test_numbering_mid_line_is_a_quantity() -> None:
    assert found("附件:1.滨海高新区") == ["1"]


@pytest.mark.parametrize("doc", ["津高新区管发〔2020〕32号", "国办发〔2014〕54 号", "管委会 144 号令",
                                 "津ICP备09000137号"])
def test_document_numbers_are_left_out(doc: str) -> None:
    assert found(doc) == []


@pytest.mark.parametrize("doc", ["启动十四五规划", "“十三五”规划", "新一代信息技术", "“一带一路”沿线", "给予一次性支持",
                                 "建设5G应用示范基地", "3D 打印", "O2O 服务系统", "“千人计划”", "一对一帮扶"])
def test_names_are_left_out(doc: str) -> None:
    assert found(doc) == []


def test_a_number_next_to_a_name_still_counts() -> None:
    assert found("入选国家“千人计划”28 人") == ["28 人"]
