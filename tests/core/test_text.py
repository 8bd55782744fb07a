import datetime as dt

import pytest

from dangbo.core.text import fold, format_date, format_number, format_percent, parse_date


def test_fold_drops_diacritics_case_and_folds_d():
    assert fold("  Nguyễn  Văn ĐỨC ") == "nguyen van duc"
    assert fold("Đặng Thị Hường") == "dang thi huong"


def test_numbers_and_percentages_are_written_the_vietnamese_way():
    assert format_number(3407) == "3.407"
    assert format_number(4262.5, 1) == "4.262,5"
    assert format_percent(116, 120) == "96,67%"
    assert format_percent(1, 0) == "–"


def test_dates_read_in_the_forms_people_write_and_print_dd_mm_yyyy():
    for text in ("18/08/2021", "18/8/2021", "18-8-2021", "2021-08-18"):
        assert parse_date(text) == dt.date(2021, 8, 18)
    assert format_date(dt.date(2021, 8, 18)) == "18/08/2021"
    with pytest.raises(ValueError, match="dd/mm/yyyy"):
        parse_date("2021")


def test_ids_render_plain_and_figures_the_vietnamese_way():
    """An id of 1.000 or more must stay usable in links and forms; figures get 3.407."""
    from django.template import Context, Template

    rendered = Template("{{ pk }} {{ pk|vn_number }}").render(Context({"pk": 24601}))
    assert rendered == "24601 24.601"
