"""The nine-month report of 2021 for the bloc, from the demo's records, on the command line."""

from __future__ import annotations

import io

from docx import Document as Docx
from test_demo_cli import run

PHRASES = (
    "tổng số 3.407 đảng viên",
    "Đảng bộ có 76 tổ chức cơ sở đảng (31 đảng bộ cơ sở với 203 chi bộ trực thuộc",
    "45 chi bộ cơ sở",
    "kết nạp được 116/120 đảng viên (đạt 96,67%)",
    "kết luận tiêu chuẩn chính trị cho 598 trường hợp",
    "09/12 cuộc kiểm tra, giám sát theo chương trình, kế hoạch (đạt 75%) đối với 23 tổ chức đảng",
    "Thi hành kỷ luật 25 trường hợp: cấp trên cơ sở thi hành kỷ luật 1 trường hợp (1 khiển trách); "
    "cấp cơ sở thi hành kỷ luật 24 trường hợp (21 khiển trách, 3 cảnh cáo)",
    "mở 2 lớp bồi dưỡng cho 145 học viên",
    "trao 17 giải, gồm 1 giải Nhất, 2 giải Nhì, 3 giải Ba và 11 giải Khuyến khích",
    "khen thưởng 27 tập thể và 57 cá nhân",
    "vận động ủng hộ, hỗ trợ 1.830.800.000 đồng",
    "T/M BAN THƯỜNG VỤ",
    "tổng doanh thu của các doanh nghiệp đạt 4.262 tỉ đồng",
    "tạo việc làm ổn định cho 2.931 người lao động với thu nhập bình quân 10 triệu "
    "đồng/người/tháng",
    "hoàn thành 64/78 đầu công việc theo kế hoạch",
    "Ban Tổ chức hội thi trao 17 giải",
    "145 học viên, 100% được cấp giấy chứng nhận",
    "Trong 3 tháng cuối năm 2021, tiếp tục tập trung lãnh đạo",
)
ARGS = ["report", "--scope", "DBK", "--period", "2021-01-01..2021-09-30", "--at", "2021-10-05"]


def test_the_nine_month_report_of_2021_says_the_seed_figures(demo_db):
    done = run([*ARGS, "--format", "txt"], demo_db)
    assert done.returncode == 0, done.stderr
    text = " ".join(done.stdout.split())
    for phrase in PHRASES:
        assert phrase in text, phrase
    assert "Số -BC/ĐUK" in text  # not filed: the number is left blank


def test_the_docx_and_html_carry_the_same_prose(demo_db, tmp_path):
    path = tmp_path / "bc.docx"
    done = run([*ARGS, "--format", "docx", "--output", str(path)], demo_db)
    assert done.returncode == 0, done.stderr
    doc = Docx(io.BytesIO(path.read_bytes()))
    prose = " ".join(p.text for p in doc.paragraphs)
    assert "kết nạp được 116/120 đảng viên (đạt 96,67%)" in prose
    assert doc.tables[0].rows[0].cells[1].paragraphs[0].text == "ĐẢNG CỘNG SẢN VIỆT NAM"
    html = run([*ARGS, "--format", "html"], demo_db)
    assert html.returncode == 0, html.stderr
    assert 'href="/quan-ly/chi-tieu/admission.admitted/' in html.stdout


def test_without_at_the_report_is_dated_after_the_period_and_signed(demo_db):
    done = run(["report", "--scope", "DBK", "--period", "2021-01-01..2021-09-30",
                "--format", "txt"], demo_db)  # fmt: skip
    assert done.returncode == 0, done.stderr
    text = " ".join(done.stdout.split())
    assert "ngày 05 tháng 10 năm 2021" in text
    signer = text.split("BÍ THƯ", 1)[1].split("Nơi nhận:", 1)[0].strip()
    assert signer, "the secretary of 05/10/2021 signs"


def test_the_demo_has_the_2021_year_report_call(demo_db):
    done = run(["manage", "shell", "-c", (
        "from dangbo.submissions.models import Call, Submission;"
        "c = Call.objects.get(title='Báo cáo tổng kết công tác năm 2021');"
        "n = c.recipients.count(); s = Submission.objects.filter(call=c)"
        ".values('org').distinct().count(); print(n, s)"
    )], demo_db)  # fmt: skip
    assert done.returncode == 0, done.stderr
    asked, submitted = map(int, done.stdout.split()[-2:])
    assert asked > 10 and asked * 0.8 <= submitted < asked
