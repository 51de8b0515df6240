"""The HTML report: built from the contract's DataFrames, opened in a real
browser (Debian's Chromium, driven by Playwright, every non-file request
blocked), free of personal data, and bounded in size.

Two sources of clusters are used: ``contract_clusters`` builds a cluster
table of the contract's shape from the sample archive's ground-truth
``issue_true`` column (a renderer test: it checks the report draws what it
is given, not how well anything clusters), and the real pipeline
(``kvetch report``, ``Result.to_html`` and ``ComplaintClusterer``).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import kvetch
from kvetch import cli
from kvetch.report import build_report

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "corpora" / "sample_tickets.csv"
SCREENSHOTS = ROOT / "out"


# --- inputs ---------------------------------------------------------------

@pytest.fixture(scope="module")
def archive() -> pd.DataFrame:
    return pd.read_csv(SAMPLE)


@pytest.fixture(scope="module")
def messages(archive) -> pd.DataFrame:
    """Result columns of the sample archive with created_at and channel."""
    df = kvetch.Analyzer(n_threads=2).analyze(archive["text"]).to_pandas()
    df["created_at"] = archive["created_at"].to_numpy()
    df["channel"] = archive["channel"].to_numpy()
    if "emotion" not in df.columns:  # stand-ins until the emotion columns exist
        df["emotion"], df["nes"] = _emotions_from_truth(archive["issue_true"])
    return df


def _emotions_from_truth(issue: pd.Series):
    cycle = np.array(["anger", "frustration", "disappointment", "worry", "confusion"])
    emotion = np.where(issue == "praise", "gratitude",
                       np.where(issue.isin(["question", "other"]), "neutral",
                                cycle[np.arange(len(issue)) % len(cycle)]))
    nes = np.where(emotion == "gratitude", 1, np.where(emotion == "neutral", 0, -1))
    return emotion, nes.astype(np.int8)


def contract_clusters(archive: pd.DataFrame, messages: pd.DataFrame):
    """(cluster table, cluster id per message) in the contract's shape,
    one cluster per ground-truth complaint issue."""
    complaint = ~archive["issue_true"].isin(["praise", "question", "other"])
    order = archive["issue_true"][complaint].value_counts().index
    ids = {issue: i for i, issue in enumerate(order)}
    labels = np.array([ids[x] if c else -1 for x, c in zip(archive["issue_true"], complaint)])
    t = pd.to_datetime(archive["created_at"], utc=True)
    week = (t.dt.tz_convert(None).dt.normalize()
            - pd.to_timedelta(t.dt.day_of_week, unit="D")).dt.strftime("%Y-%m-%d")
    rows = []
    for issue, i in ids.items():
        m = labels == i
        weekly = week[m].value_counts().sort_index()
        prev = weekly.iloc[-2] if len(weekly) > 1 else 0
        rows.append({
            "id": i, "label": issue.replace("_", " "), "keywords": issue.split("_"),
            "size": int(m.sum()), "share": float(m.mean()),
            "nes": float(100 * messages["nes"][m].mean()),
            "top_emotion": messages["emotion"][m].mode()[0],
            "languages": messages["lang"][m].value_counts().to_dict(),
            "channels": archive["channel"][m].value_counts().to_dict(),
            "first_seen": t[m].min(), "last_seen": t[m].max(),
            "weekly": weekly.to_dict(),
            "growth": float(weekly.iloc[-1] / prev) if prev else float("inf"),
            "emerging": issue == "checkout_error_500",
            "representatives": list(messages["text_redacted"][m].head(5)),
        })
    return pd.DataFrame(rows), labels


@pytest.fixture(scope="module")
def report_file(tmp_path_factory, archive, messages):
    info, labels = contract_clusters(archive, messages)
    path = tmp_path_factory.mktemp("report") / "report.html"
    build_report(messages, info, assignments=labels, source="sample_tickets.csv").save(path)
    return path, info


# --- the browser ----------------------------------------------------------

@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    assert chromium, "Debian's chromium is needed (make setup installs it)"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        yield b
        b.close()


class Page:
    """A page on ``path`` with every request recorded, non-file requests
    blocked, and console errors and script errors collected."""

    def __init__(self, browser, path: Path, width: int = 1280):
        self.requests, self.blocked, self.errors = [], [], []
        self.context = browser.new_context(viewport={"width": width, "height": 900})
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("pageerror", lambda e: self.errors.append(f"script: {e}"))
        self.page.on("console", lambda m: self.errors.append(f"console {m.type}: {m.text}")
                     if m.type in ("error", "warning") else None)
        self.page.goto(path.as_uri())
        self.page.wait_for_load_state("load")

    def _route(self, route):
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def visible_rows(self) -> list[dict]:
        return self.page.eval_on_selector_all(
            "#cluster-table tbody tr[data-cluster]:not([hidden])",
            "rows => rows.map(r => ({id: +r.dataset.cluster,"
            " label: r.querySelector('.label').textContent.trim(),"
            " size: +r.cells[1].dataset.sort}))")

    def close(self):
        self.context.close()


@pytest.fixture
def page(browser, report_file):
    p = Page(browser, report_file[0])
    yield p
    p.close()


def test_opens_offline_without_errors(page, report_file):
    assert page.errors == []
    assert page.blocked == []
    assert page.requests == [report_file[0].as_uri()]


def test_cluster_rows_match_the_cluster_table(page, report_file):
    info = report_file[1]
    rows = page.visible_rows()
    expected = info.sort_values("size", ascending=False, kind="stable")
    assert [r["id"] for r in rows] == expected["id"].tolist()
    assert [r["label"] for r in rows] == expected["label"].tolist()
    assert [r["size"] for r in rows] == expected["size"].tolist()


def test_search_filters_rows(page, report_file):
    info = report_file[1]
    page.page.fill("#cluster-search", "refund")
    rows = page.visible_rows()
    want = info[info["label"].str.contains("refund") |
                info["keywords"].map(lambda k: "refund" in k)]["id"]
    assert sorted(r["id"] for r in rows) == sorted(want) and 0 < len(rows) < len(info)
    assert page.page.text_content("#cluster-count") == f"{len(rows)} of {len(info)} clusters"
    page.page.fill("#cluster-search", "no such complaint anywhere")
    assert page.visible_rows() == [] and page.page.is_visible("#no-match")
    page.page.fill("#cluster-search", "")
    assert len(page.visible_rows()) == len(info)


def test_columns_sort(page):
    # text-is: "Share of messages" holds "Messages" too.
    page.page.click("#cluster-table th:text-is('Messages')")
    desc = [r["size"] for r in page.visible_rows()]
    page.page.click("#cluster-table th:text-is('Messages')")
    asc = [r["size"] for r in page.visible_rows()]
    assert desc == sorted(desc, reverse=True) and asc == sorted(asc) and desc != asc
    page.page.click("#cluster-table th:has-text('Cluster')")
    labels = [r["label"].lower() for r in page.visible_rows()]
    assert labels == sorted(labels)


def test_drill_down_opens_and_screenshots(page, report_file):
    info = report_file[1]
    target = info[info["emerging"]].iloc[0]
    SCREENSHOTS.mkdir(exist_ok=True)
    page.page.screenshot(path=str(SCREENSHOTS / "report.png"), full_page=True)
    assert not page.page.is_visible(f"#cluster-{target.id}")
    page.page.click(f"#cluster-table tr[data-cluster='{target.id}']")
    drill = page.page.locator(f"#cluster-{target.id}")
    assert drill.is_visible()
    assert page.page.evaluate(  # right under its row, not below the whole table
        f"document.querySelector(\"#cluster-table tr[data-cluster='{target.id}']\")"
        f".nextElementSibling.contains(document.getElementById('cluster-{target.id}'))")
    assert target.label in drill.locator("h3").text_content()
    assert drill.locator("ul.examples li").count() == min(5, len(target.representatives))
    assert drill.locator("svg.chart").count() >= 2  # weekly volume and NES
    drill.screenshot(path=str(SCREENSHOTS / "report_drilldown.png"))
    assert (SCREENSHOTS / "report_drilldown.png").stat().st_size > 10_000
    drill.locator("button.close").click()
    assert not drill.is_visible()
    assert page.errors == [] and page.blocked == []


def test_map_and_emerging_open_the_drill_down(page, report_file):
    info = report_file[1]
    biggest = info.sort_values("size").iloc[-1]
    page.page.click(f"#map a.bubble[data-cluster='{biggest.id}']")
    assert page.page.is_visible(f"#cluster-{biggest.id}")
    emerging = info[info["emerging"]].iloc[0]
    page.page.click(f"#emerging a[data-cluster='{emerging.id}']")
    assert page.page.is_visible(f"#cluster-{emerging.id}")
    assert not page.page.is_visible(f"#cluster-{biggest.id}")


def test_narrow_window_keeps_the_table_usable(browser, report_file):
    p = Page(browser, report_file[0], width=420)
    try:
        overflow = p.page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1  # the page itself never scrolls sideways
        assert p.errors == []
    finally:
        p.close()


# --- contents ---------------------------------------------------------------

PII = {
    "email": "jane.doe.kvetchtest@example.com",
    "phone": "+44 20 7946 0958",
    "card": "4111 1111 1111 1111",
    "card_plain": "5500005555555559",
    "iban": "DE89 3704 0044 0532 0130 00",
    "iban_plain": "GB82WEST12345698765432",
}


def _seeded_archive(archive: pd.DataFrame) -> pd.DataFrame:
    df = archive.head(1200).copy()
    pii = list(PII.values())
    for i in range(0, len(df), 7):
        df.loc[i, "text"] = f"{df.loc[i, 'text']} Contact {pii[i % len(pii)]} please"
    return df


def _assert_no_pii(html: str) -> None:
    squashed = re.sub(r"[\s\-]", "", html)
    for kind, value in PII.items():
        assert value not in html, kind
        assert re.sub(r"[\s\-]", "", value) not in squashed, kind
    assert "jane.doe" not in html.lower()


def test_no_pii_in_report_even_from_unredacted_clusters(archive):
    df = _seeded_archive(archive)
    res = kvetch.Analyzer().analyze(df["text"]).to_pandas()
    res["created_at"] = df["created_at"].to_numpy()
    if "emotion" not in res.columns:
        res["emotion"], res["nes"] = _emotions_from_truth(df["issue_true"])
    info, labels = contract_clusters(df, res)
    # A careless clusterer: raw texts as representatives, PII in a label.
    seeded = df["text"][df["text"].str.contains("Contact")].tolist()
    info["representatives"] = [seeded[i:i + 5] for i in range(len(info))]
    info.loc[0, "label"] = f"mail {PII['email']}"
    info.loc[1, "keywords"] = [PII["card_plain"], "refund"]
    html = build_report(res, info, assignments=labels).html
    _assert_no_pii(html)
    assert "&lt;EMAIL&gt;" in html and "&lt;CARD&gt;" in html


def test_no_pii_in_cli_report(tmp_path, archive):
    src = tmp_path / "tickets.csv"
    _seeded_archive(archive).to_csv(src, index=False)
    out = tmp_path / "report.html"
    assert cli.main(["report", str(src), "-o", str(out), "--no-progress"]) == 0
    _assert_no_pii(out.read_text(encoding="utf-8"))


def test_size_does_not_grow_with_messages(archive, messages):
    info, labels = contract_clusters(archive, messages)
    small = build_report(messages, info, assignments=labels).html
    big_msgs = pd.concat([messages] * 10, ignore_index=True)
    big_info = info.assign(size=info["size"] * 10)
    big = build_report(big_msgs, big_info, assignments=np.tile(labels, 10)).html
    assert len(big) < 1.1 * len(small)
    assert len(small) < 600_000


def test_languages_outside_the_list_are_named_not_unknown():
    """Under languages=en,de a Swedish message has no lang; the report's
    language breakdown names it from lang_alt."""
    from kvetch.report import _model
    res = kvetch.Analyzer(languages=["en", "de"]).analyze(
        ["Hej, mitt paket har inte kommit än, jag har väntat i två veckor.",
         "Where is my refund?", "ok"]).to_pandas()
    (langs,) = [b for b in _model.breakdowns(res) if b["id"] == "languages"]
    labels = {i["label"] for i in langs["items"]}
    assert any("(sv)" in label for label in labels) and "Unknown" in labels  # "ok": no evidence


def test_sections_follow_the_columns(archive):
    res = kvetch.Analyzer().analyze(archive["text"].head(300)).to_pandas()
    html = build_report(res).html
    assert "No complaint clusters were given" in html and "weekly trends are not shown" in html
    assert 'id="cluster-table"' not in html and "Languages" in html


def test_cli_report_on_the_sample_archive(tmp_path, capsys):
    out = tmp_path / "sample.html"
    routing = ROOT / "corpora" / "sample_routing.toml"
    assert cli.main(["report", str(SAMPLE), "-o", str(out), "--routing", str(routing),
                     "--no-progress"]) == 0
    html = out.read_text(encoding="utf-8")
    assert "6,000" in html and "Messages per week" in html
    assert "Routing queues" in html and "of messages need translation" in html
    err = capsys.readouterr().err
    assert "report on 6,000 messages" in err
    assert 'id="cluster-table"' in html and 'id="map"' in html
    assert "clusters" in err and "emerging" in err


def test_bad_cluster_table_is_an_input_error(messages):
    with pytest.raises(kvetch.InputError, match="no 'id' column"):
        build_report(messages.head(10), pd.DataFrame({"label": ["x"]}))


def test_minimal_cluster_table_renders(messages):
    """Only id, label and size: the other contract columns are optional."""
    info = pd.DataFrame({"id": [0, 1, -1], "label": ["late parcel", "no refund", "outliers"],
                         "size": [30, 20, 50]})
    report = build_report(messages.head(100), info)
    assert [r["label"] for r in report.model["clusters"]] == ["late parcel", "no refund"]
    assert "outliers" not in report.html


def test_many_clusters_are_capped(messages):
    from kvetch.report import _model
    n = _model.MAX_CLUSTERS + 20
    sizes = np.arange(1, n + 1)
    info = pd.DataFrame({"id": np.arange(n), "label": [f"issue {i}" for i in range(n)],
                         "size": sizes, "share": sizes / sizes.sum()})
    report = build_report(messages.head(100), info, redact=lambda texts: list(texts))
    rows = report.model["clusters"]
    assert len(rows) == _model.MAX_CLUSTERS and rows[0]["id"] == n - 1
    assert any(f"largest and emerging of {n} clusters" in note for note in report.model["notes"])
    assert report.html.count('<article class="drill"') == _model.MAX_CLUSTERS
    # An emerging cluster is shown however small: a new issue starts small.
    info["emerging"] = info["id"] == 3
    rows = build_report(messages.head(100), info, redact=lambda texts: list(texts)).model["clusters"]
    assert len(rows) == _model.MAX_CLUSTERS + 1 and rows[-1]["id"] == 3
    assert all(np.isfinite([b["x"], b["y"]]).all() for b in report.model["map"]["bubbles"])


def test_map_positions_follow_the_centroids(messages):
    """Centroids given in the cluster table's order land with their cluster,
    although the report lists clusters by size."""
    ids, sizes = [3, 0, 4, 1, 2], [10, 50, 20, 40, 30]
    info = pd.DataFrame({"id": ids, "label": [f"issue {i}" for i in ids], "size": sizes})
    vectors = np.array([[10.0 * i, (i % 2) * 3.0] for i in ids])  # x grows with the id
    report = build_report(messages.head(100), info, cluster_vectors=vectors,
                          redact=lambda texts: list(texts))
    assert report.model["map"]["basis"] == "centroids"
    x = {b["id"]: b["x"] for b in report.model["map"]["bubbles"]}
    xs = [x[i] for i in range(5)]
    assert xs == sorted(xs) or xs == sorted(xs, reverse=True)


class _StandInClusterer:
    """Duck-typed stand-in with the contract's tables (from the ground
    truth) and centroids, for the report's clusterer path."""

    def __init__(self, archive, messages):
        self.info, self.labels_ = contract_clusters(archive, messages)
        self.cluster_centers_ = np.eye(len(self.info))[:, :4] + np.arange(len(self.info))[:, None]

    def get_cluster_info(self):
        return self.info

    def get_document_info(self):
        return pd.DataFrame({"cluster": self.labels_, "is_complaint": self.labels_ >= 0})


def test_result_to_html(tmp_path, archive, messages):
    result = kvetch.Analyzer().analyze(archive["text"])
    path = result.to_html(tmp_path / "r.html", timestamps=archive["created_at"],
                          channels=archive["channel"], title="Weekly voice of customer")
    html = path.read_text(encoding="utf-8")
    assert "<title>Weekly voice of customer</title>" in html and "Messages per week" in html
    assert 'id="channels"' in html
    clusterer = _StandInClusterer(archive, messages)
    html = result.to_html(tmp_path / "c.html", clusterer=clusterer).read_text(encoding="utf-8")
    assert html.count('<tr data-cluster="') == len(clusterer.info)


def test_report_from_clusterer_uses_its_centroids(archive, messages):
    from kvetch.report import report_from_clusterer
    report = report_from_clusterer(_StandInClusterer(archive, messages), messages)
    assert report.model["map"]["basis"] == "centroids"
    assert all(r["emotions"] for r in report.model["clusters"])  # from the assignments


def test_clusters_of_all_messages_are_not_called_complaints(archive, messages):
    from kvetch.report import report_from_clusterer
    clusterer = _StandInClusterer(archive, messages)
    labels = [k["label"] for k in report_from_clusterer(clusterer, messages).model["kpis"]]
    assert "Complaints in clusters" in labels
    clusterer.only_complaints = False
    report = report_from_clusterer(clusterer, messages)
    labels = [k["label"] for k in report.model["kpis"]]
    assert "Messages in clusters" in labels and "Complaints in clusters" not in labels
    assert "<h2>Message clusters</h2>" in report.html and "complaint" not in \
        report.html.split("<h2>Message clusters</h2>")[1].split("</p>")[0].lower()


def test_nes_figures_agree_with_kvetch_nes(messages):
    report = build_report(messages)
    overall = kvetch.nes(messages).iloc[0]
    card = next(k for k in report.model["kpis"] if k["label"] == "Net Emotion Score")
    assert card["value"] == f"{overall.nes:+.0f}"
    weekly = kvetch.nes(messages, freq="W").set_index("period")
    ours = report.model["weekly"]["nes_weekly"]
    assert np.allclose(ours["nes"], weekly["nes"]) and np.allclose(ours["ci_low"], weekly["ci_low"])
    assert np.allclose(ours["ci_high"], weekly["ci_high"])


# --- the real pipeline --------------------------------------------------------

@pytest.fixture(scope="module")
def pipeline_report(tmp_path_factory, archive):
    """Analyzer -> ComplaintClusterer -> report on the sample archive."""
    result = kvetch.Analyzer(n_threads=2).analyze(archive["text"])
    clusterer = kvetch.ComplaintClusterer(random_state=0)
    clusterer.fit(result, timestamps=archive["created_at"], channels=archive["channel"])
    path = result.to_html(tmp_path_factory.mktemp("pipeline") / "report.html", clusterer=clusterer,
                          timestamps=archive["created_at"], channels=archive["channel"])
    info = clusterer.get_cluster_info()
    return path, info[info["id"] >= 0], clusterer


def _largest_and_emerging(info, n):
    ranked = info.sort_values("size", ascending=False, kind="stable")
    return ranked[(np.arange(len(ranked)) < n) | ranked["emerging"].to_numpy()]


def test_pipeline_report_in_the_browser(browser, pipeline_report):
    path, info, _ = pipeline_report
    p = Page(browser, path)
    try:
        assert p.errors == [] and p.blocked == [] and p.requests == [path.as_uri()]
        from kvetch.report._model import MAX_CLUSTERS
        rows = p.visible_rows()
        expected = _largest_and_emerging(info, MAX_CLUSTERS)
        assert [r["id"] for r in rows] == expected["id"].tolist()
        assert [r["size"] for r in rows] == expected["size"].tolist()
        assert [r["label"] for r in rows] == expected["label"].tolist()
        word = expected.iloc[0]["label"].split()[0]
        p.page.fill("#cluster-search", word)
        shown = p.visible_rows()
        assert 0 < len(shown) <= len(rows) and all(
            word.lower() in p.page.get_attribute(f"#cluster-table tr[data-cluster='{r['id']}']",
                                                 "data-search") for r in shown)
        p.page.fill("#cluster-search", "")
        target = (info[info["emerging"]] if info["emerging"].any() else expected).iloc[0]
        p.page.click(f"#cluster-table tr[data-cluster='{target.id}']")
        assert p.page.is_visible(f"#cluster-{target.id}")
        SCREENSHOTS.mkdir(exist_ok=True)
        p.page.screenshot(path=str(SCREENSHOTS / "report_pipeline.png"), full_page=True)
        assert p.errors == [] and p.blocked == []
    finally:
        p.close()


def test_clusterer_to_html(tmp_path, pipeline_report):
    """The clusterer's own report: its documents give the overview."""
    from kvetch.report._model import MAX_CLUSTERS
    _, info, clusterer = pipeline_report
    path = clusterer.to_html(tmp_path / "clusters.html")
    html = path.read_text(encoding="utf-8")
    assert html.count('<tr data-cluster="') == len(_largest_and_emerging(info, MAX_CLUSTERS))
    assert "Close bubbles are clusters whose messages are alike" in html  # centroids
    assert "Messages per week" in html


def test_report_without_emotion_says_so(tmp_path):
    result = kvetch.Analyzer(emotion=False).analyze(["refund please", "app crash", "thanks"] * 5)
    path = result.to_html(tmp_path / "r.html")
    html = path.read_text()
    assert "No emotion columns" in html


def test_report_without_complaints_says_so(tmp_path, capsys):
    inp = tmp_path / "praise.csv"
    pd.DataFrame({"text": ["thanks, great service!", "love the app", "super fast delivery"] * 10,
                  "created_at": "2026-09-07"}).to_csv(inp, index=False)
    assert cli.main(["report", str(inp), "-o", str(tmp_path / "r.html"), "--no-progress"]) == 0
    assert "found no recurring complaints" in capsys.readouterr().err
    assert "found no recurring complaints" in (tmp_path / "r.html").read_text(encoding="utf-8")



# --- review fixes: each test is named after what the report got wrong ---------

def _same(texts):
    return list(texts)


def _text(html: str) -> str:
    """The report's words: tags dropped, entities read, whitespace collapsed."""
    from html import unescape
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def _week_frame(days: list[str], **columns) -> pd.DataFrame:
    return pd.DataFrame({"created_at": days, **columns})


def test_share_says_it_is_over_the_complaints():
    """A cluster of 3 among 8 complaints of 10 messages showed "37.5 % of
    all": the label now names the complaints and the header counts them."""
    msgs = _week_frame(["2026-01-05"] * 10)
    info = pd.DataFrame({"id": [0, 1], "label": ["late parcel", "no refund"],
                         "size": [3, 1], "share": [3 / 8, 1 / 8]})
    text = _text(build_report(msgs, info, redact=_same).html)
    assert "8 complaints of 10 messages" in text
    assert "Share of complaints" in text and "(37.5 % of complaints)" in text
    assert "of all)" not in text
    about = text.split("How to read this report")[1]
    assert "Share " in about and "8 complaints" in about


def test_share_over_all_messages_says_messages():
    msgs = _week_frame(["2026-01-05"] * 10)
    info = pd.DataFrame({"id": [0], "label": ["late parcel"], "size": [3], "share": [0.3]})
    text = _text(build_report(msgs, info, redact=_same).html)
    assert "Share of messages" in text and "(30.0 % of messages)" in text
    assert "complaints of" not in text


def test_pipeline_share_matches_the_clusterer(pipeline_report):
    path, info, clusterer = pipeline_report
    text = _text(path.read_text(encoding="utf-8"))
    complaints = int(clusterer.get_document_info()["is_complaint"].sum())
    assert f"{complaints:,} complaints of 6,000 messages" in text
    row = info.iloc[0]
    assert f"{row['size']:,} messages ({100 * row['share']:.1f} % of complaints)" in text


def test_empty_csv_channel_reads_unknown(tmp_path, archive):
    """An empty CSV cell in channel gave an unlabelled bar; None in a
    DataFrame gave "Unknown"."""
    df = archive.head(1200).copy()
    df.loc[df.index % 5 == 0, "channel"] = ""
    src, out = tmp_path / "blank_channel.csv", tmp_path / "r.html"
    df.to_csv(src, index=False)
    assert cli.main(["report", str(src), "-o", str(out), "--no-progress"]) == 0
    html = out.read_text(encoding="utf-8")
    assert 'id="cluster-table"' in html
    assert '<th scope="row"></th>' not in html
    channels = html.split('id="channels"')[1].split("</figure>")[0]
    assert '<th scope="row">Unknown</th>' in channels
    drills = html.split('id="drilldowns"')[1]
    assert '<th scope="row">Unknown</th>' in drills


def test_null_and_blank_channels_are_one_unknown_row():
    """In the overview and in a drill-down, whose channels come from the
    messages (the clusterer's table leaves missing channels out)."""
    msgs = _week_frame(["2026-01-05"] * 4, channel=["chat", None, "", "  "])
    info = pd.DataFrame({"id": [0], "label": ["late parcel"], "size": [4], "share": [1.0],
                         "channels": [{"chat": 1, "": 1}]})
    html = build_report(msgs, info, assignments=[0, 0, 0, 0], redact=_same).html
    assert '<th scope="row"></th>' not in html
    channels = html.split('id="channels"')[1].split("</figure>")[0]
    drill = html.split('id="drilldowns"')[1].split("</article>")[0]
    for part in (channels, drill):
        assert part.count('<th scope="row">Unknown</th>') == 1 and "75" in part


def test_unreadable_dates_are_not_called_a_missing_column(tmp_path, capsys):
    src, out = tmp_path / "g.csv", tmp_path / "g.html"
    src.write_text("text,created_at\nmy refund is late,n/a\nthe app crashes,unknown\n")
    assert cli.main(["report", str(src), "-o", str(out), "--no-progress"]) == 0
    text = _text(out.read_text(encoding="utf-8"))
    assert "'created_at' has no readable dates" in text
    assert "No 'created_at' column" not in text
    assert "no readable dates" in capsys.readouterr().err


def test_header_dates_are_the_first_and_last_message():
    """Messages of 1-30 Jan 2026 read "29 Dec 2025 to 30 Jan 2026": the
    Monday of the first week, not the first message."""
    days = [f"2026-01-{d:02d}T10:00:00Z" for d in range(1, 31)]
    html = build_report(_week_frame(days), redact=_same).html
    top = _text(html.split('id="overview"')[0])  # the header and key figures
    assert "29 Dec 2025" not in top
    assert top.count("01 Jan 2026 to 30 Jan 2026") == 2
    assert "5 ISO weeks" in top  # Mondays 29 Dec to 26 Jan
    assert "Week of 29 Dec 2025" in html  # the charts' first week stays a whole week


def test_counts_of_one_are_singular():
    """"(1 weeks)", "in 1 clusters", "1 messages"."""
    msgs = _week_frame(["2026-01-05", "2026-01-06"], channel=["chat", "mail"],
                       emotion=["anger", "neutral"], nes=[-1, 0])
    info = pd.DataFrame({"id": [0], "label": ["late parcel"], "size": [1], "share": [1.0],
                         "channels": [{"chat": 1}], "weekly": [{"2026-01-05": 1}]})
    html = build_report(msgs, info, assignments=[0, -1], redact=_same).html
    for words in (" ".join(html.split()), _text(html)):
        assert not re.search(r"(?<![\d.,])1 (weeks|clusters|messages|complaints)\b", words), \
            re.search(r".{60}(?<![\d.,])1 (weeks|clusters|messages|complaints)\b.{20}", words)
    text = _text(html)
    assert "1 ISO week" in text and "in 1 cluster" in text and "1 of 1 cluster" in text
    assert "1 complaint of 2 messages" in text and "1 message (100.0 % of complaints)" in text


def test_emerging_badge_is_a_multiplication_sign_and_is_explained():
    """The badge read "x86.0" with an ASCII x, and nothing said what it
    measured nor how it differs from Growth."""
    days = [f"2026-01-{d:02d}" for d in (5, 12, 19, 26)] + ["2026-02-02", "2026-02-09"]
    weekly = {"2026-01-05": 1, "2026-01-12": 1, "2026-01-19": 1, "2026-01-26": 1,
              "2026-02-02": 86, "2026-02-09": 86}
    info = pd.DataFrame({"id": [0], "label": ["checkout error"], "size": [176],
                         "share": [0.5], "weekly": [weekly], "emerging": [True],
                         "growth": [1.0]})
    html = build_report(_week_frame(days), info, redact=_same).html
    card = _text(html.split('id="emerging"')[1].split("</section>")[0])
    assert "×86" in card and "x86" not in card
    about = _text(html.split('id="about"')[1])
    assert "messages per week in the last two weeks" in about
    assert "Growth" in about.split("Emerging issue")[1]


def test_how_to_read_states_the_clusterers_emerging_rule():
    """The text quotes the clusterer's constants: it must follow them."""
    import inspect
    from kvetch import _cluster_stats, _cluster_table
    from kvetch.report import _model
    rule = inspect.signature(_cluster_stats.emerging_flags).parameters
    assert _cluster_table.RECENT_WEEKS == _model.RECENT_WEEKS == 2  # "the last two weeks"
    msgs = _week_frame(["2026-01-05"] * 4)
    info = pd.DataFrame({"id": [0], "label": ["late parcel"], "size": [4], "share": [1.0]})
    about = _text(build_report(msgs, info, redact=_same).html.split('id="about"')[1])
    assert f"at least {rule['min_count'].default}," in about
    assert f"p < {rule['alpha'].default} ÷ the number of clusters" in about


@pytest.mark.parametrize("counts, badge", [
    # The latest week fell (10 -> 6) while the fortnight is 4x the weeks
    # before: the card once showed "-40 %" on an emerging issue.
    ([2, 2, 2, 2, 10, 6], "×4"), ([4, 4, 4, 4, 9, 9], "×2.2"), ([1, 1, 1, 1, 86, 86], "×86"),
    ([1, 1, 1, 1, 10, 10.9], "×10"), ([1, 1, 1, 1, 9.96, 9.96], "×10"),
    ([0, 0, 0, 5, 5], "new"), ([3], "new")])
def test_emerging_badge_compares_the_last_two_weeks_with_the_weeks_before(counts, badge):
    from kvetch.report._model import _surge_text
    assert _surge_text(counts) == badge


def test_emerging_clusters_are_always_on_the_map(messages):
    from kvetch.report import _map
    n = _map.MAX_MAP_BUBBLES + 10
    sizes = np.arange(n, 0, -1) + 10
    info = pd.DataFrame({"id": np.arange(n), "label": [f"issue {i}" for i in range(n)],
                         "size": sizes, "share": sizes / sizes.sum(),
                         "emerging": np.arange(n) == n - 1})  # the smallest is emerging
    bubbles = build_report(messages.head(100), info,
                           redact=lambda texts: list(texts)).model["map"]["bubbles"]
    assert len(bubbles) == _map.MAX_MAP_BUBBLES + 1
    assert any(b["id"] == n - 1 and b["emerging"] for b in bubbles)


def test_small_formatting():
    from kvetch.report import _model
    assert _model._signed_points(-0.2) == "no change"  # not "-0 points"
    assert _model._signed_points(3.4) == "+3 points"
    assert _model.fmt_growth(float("inf")) == "new"


def test_unreadable_dates_are_counted_in_a_note(messages):
    df = messages.head(200).copy()
    df.loc[df.index[:20], "created_at"] = "garbage"
    notes = build_report(df, None, redact=lambda texts: list(texts)).model["notes"]
    assert any(n.startswith("20 of 200 messages have no readable date") for n in notes)


def test_messages_without_text_stay_out_of_the_emotion_mix(messages):
    df = messages.head(100).copy()
    empty = kvetch.Analyzer().analyze([None] * 100).to_pandas()
    both = pd.concat([df, empty.assign(created_at=df["created_at"].to_numpy(),
                                       channel=df["channel"].to_numpy())], ignore_index=True)
    one = build_report(df, None, redact=lambda texts: list(texts)).model
    two = build_report(both, None, redact=lambda texts: list(texts)).model
    assert one["emotions"] == two["emotions"]
    assert any(n.startswith("100 of 200 messages have no text") for n in two["notes"])


def test_cli_report_takes_the_clustering_options_and_a_saved_model(tmp_path, capsys, archive):
    src = tmp_path / "in.csv"
    archive.head(800).to_csv(src, index=False)
    assert cli.main(["report", str(src), "-o", str(tmp_path / "k.html"), "--n-clusters", "5",
                     "--all-messages", "--no-progress"]) == 0
    assert ", 5 clusters," in capsys.readouterr().err
    model = tmp_path / "m.kvc"
    assert cli.main(["cluster", str(src), "-o", str(tmp_path / "ids.csv"), "--save-model",
                     str(model), "--no-progress"]) == 0
    ids = pd.read_csv(tmp_path / "ids_clusters.csv")["id"]
    capsys.readouterr()
    assert cli.main(["report", str(src), "-o", str(tmp_path / "m.html"), "--model", str(model),
                     "--no-progress"]) == 0
    html = (tmp_path / "m.html").read_text(encoding="utf-8")
    assert all(f'id="cluster-{i}"' in html for i in ids.head(3))
    assert cli.main(["report", str(src), "-o", str(tmp_path / "x.html"), "--model", str(model),
                     "--n-clusters", "3", "--no-progress"]) == 2
