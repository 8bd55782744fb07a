"""The demo's roles have dates and a history: every demo login holds its role today, and
one ended role shows as history (`dangbo logins` as a subprocess)."""

from test_demo_cli import run


def test_logins_shows_the_demo_roles_active_and_marks_the_ended_one(demo_db):
    done = run(["logins"], demo_db)
    assert done.returncode == 0, done.stderr
    lines = {line.split()[0]: line for line in done.stdout.splitlines()[1:]}
    # Every README login still holds its role today (nothing marked as ended or planned)...
    for name in ("quantri", "vanphong", "bantochuc", "ubkt", "tuyengiao", "danvan",
                 "bithuchibo", "phongvien", "bientap", "dangvien"):  # fmt: skip
        assert "[" not in lines[name] and "chưa phân quyền" not in lines[name], lines[name]
    # ...and the base secretary's former cell role is listed after it, as ended.
    secretary = lines["bithucoso"]
    current, ended = secretary.split("; ")
    assert "Bí thư, Phó Bí thư tổ chức cơ sở đảng" in current and "[" not in current
    assert ended.startswith("[đã kết thúc 30/09/2020] Bí thư chi bộ – ")
