"""`make bench`'s table: each product page marked against its target, the floors against
none (they are no page of the product)."""

from bench.pages import Measurement, Page, _print_table


def measured(name: str, method: str, path: str, requests: int) -> Measurement:
    return Measurement(
        Page(name, method, path, "anonymous"), seconds=1.0, latencies=[0.001] * requests
    )


def test_the_floors_have_no_target_and_the_pages_below_theirs_are_named(capsys):
    measurements = [
        measured("/ping (before)", "GET", "/ping", 1000),
        measured("signed-in floor", "GET", "/bench/signed-in", 400),
        measured("questionnaire read floor", "GET", "/bench/read/assessments/x/step/1/", 300),
        measured("result page", "GET", "/assessments/x/result", 450),
        measured("questionnaire save", "POST", "/assessments/x/step/1/", 300),
        measured("/ping (after)", "GET", "/ping", 1000),
    ]
    queries = {"/ping": 0, "signed-in floor": 0, "questionnaire read floor": 1}
    queries |= {"result page": 0, "questionnaire save": 2}

    assert _print_table(measurements, queries) == 0  # no request failed

    printed = capsys.readouterr().out
    rows = {line.split("  ")[0].strip(): line for line in printed.splitlines()}
    assert rows["result page"].rstrip().endswith("BELOW 0.5")
    assert rows["questionnaire save"].rstrip().endswith("ok (≥ 0.25)")
    for floor in ("signed-in floor", "questionnaire read floor"):
        assert "BELOW" not in rows[floor] and "ok (" not in rows[floor]
    assert "Below target: result page." in printed
