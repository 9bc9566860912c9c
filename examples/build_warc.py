"""Rebuild examples/corpus/crawl.warc.gz from the HTML pages in examples/warc_src/.

The archive holds a warcinfo record, a plain-text robots.txt response (so readers must skip
non-HTML responses) and one HTML response per page below. Record ids and dates are fixed, so
a rebuild produces the same records.

Usage: python examples/build_warc.py
"""

from __future__ import annotations

import uuid
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

HERE = Path(__file__).parent
OUT = HERE / "corpus" / "crawl.warc.gz"

# (url, crawl date, content type, source) in archive order; gold keys count HTML responses only.
RECORDS = [
    ("https://vtvnews.example/robots.txt", "2026-03-09T20:01:00Z", "text/plain", None),
    (
        "https://vtvnews.example/news/saltgate-evacuated-eastquay-fire",
        "2026-03-09T20:02:10Z",
        "text/html; charset=utf-8",
        "vtv_saltgate_evacuation.html",
    ),
    (
        "https://castrelgazette.example/politics/2026/04/28/korbel-committee-hearing",
        "2026-04-28T16:40:00Z",
        "text/html; charset=utf-8",
        "castrelgazette_committee_hearing.html",
    ),
]
ROBOTS = b"User-agent: *\nDisallow: /live/\n"


def record_id(url: str) -> str:
    return f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, url)}>"


def main() -> None:
    with OUT.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        info = writer.create_warcinfo_record(
            "crawl.warc.gz",
            {"software": "accordingto examples/build_warc.py", "description": "accordingto example crawl"},
        )
        info.rec_headers.replace_header("WARC-Record-ID", record_id("warcinfo:crawl.warc.gz"))
        info.rec_headers.replace_header("WARC-Date", "2026-04-28T16:39:00Z")
        writer.write_record(info)
        for url, date, ctype, src in RECORDS:
            body = ROBOTS if src is None else (HERE / "warc_src" / src).read_bytes()
            http = StatusAndHeaders(
                "200 OK", [("Content-Type", ctype), ("Content-Length", str(len(body)))], protocol="HTTP/1.1"
            )
            rec = writer.create_warc_record(
                url,
                "response",
                payload=BytesIO(body),
                http_headers=http,
                warc_headers_dict={"WARC-Date": date, "WARC-Record-ID": record_id(url)},
            )
            writer.write_record(rec)
    print(f"wrote {OUT} ({len(RECORDS)} responses)")


if __name__ == "__main__":
    main()
