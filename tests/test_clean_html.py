"""clean on HTML pages (trafilatura + htmldate + the page's meta tags) and HTML records.

The pages are written for these tests: a site unknown to the outlet table, a site known
only by its domain, and broken markup.
"""

from __future__ import annotations

from accordingto.clean import clean
from accordingto.model import RawDocument

GAZETTE = """<!doctype html>
<html><head>
<title>Council approves new footbridge after decade of debate | Riverside Gazette</title>
<meta property="og:site_name" content="Riverside Gazette">
<meta property="article:published_time" content="2024-03-05T09:30:00Z">
<meta property="og:updated_time" content="2024-03-07T11:00:00Z">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<article>
<h1>Council approves new footbridge after decade of debate</h1>
<p class="byline">By Jane Doe</p>
<p>The city council voted on Monday to approve a new footbridge across the river, ending a decade of argument over the crossing.</p>
<p>"This is a great day for the town," said the mayor, Alan Price, after the seven-to-two vote.</p>
<figure><img src="bridge.jpg" alt=""><figcaption>The river crossing at dusk. Photo: Getty Images</figcaption></figure>
<h2>Costs and timing</h2>
<p>Construction is expected to begin next spring and cost about 12 million pounds, according to council documents.</p>
<p>Sign up to our morning newsletter and get the headlines delivered to your inbox.</p>
<div class="related"><h3>Related stories</h3><ul>
<li><a href="/a">Mayor Unveils Budget For Coming Year</a></li>
<li><a href="/b">Flood Defences To Be Reviewed After Storm</a></li></ul></div>
<p>Opponents said they would keep campaigning against the plan, which they say will spoil the view from the old town.</p>
</article>
<footer><p>© 2024 Riverside Gazette. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
</body></html>
"""


def test_html_page_title_outlet_date_and_body():
    a = clean(
        RawDocument(
            file="g.html",
            uri="https://www.riversidegazette.example/news/bridge",
            content=GAZETTE,
            format="html",
        )
    )
    assert a.title == "Council approves new footbridge after decade of debate"
    paras = a.text.split("\n\n")
    assert paras[0] == a.title
    assert (
        "The city council voted on Monday to approve a new footbridge across the river, ending a decade of argument over the crossing."
        in paras
    )
    assert paras[-1].startswith("Opponents said they would keep campaigning")
    for furniture in (
        "Home",
        "Sport",
        "Mayor Unveils Budget",
        "All rights reserved",
        "Privacy policy",
        "Sign up",
    ):
        assert furniture not in a.text
    # Nothing dropped silently: what the extractor left out is listed as boilerplate.
    assert "By Jane Doe" in a.boilerplate
    assert "Related stories" in a.boilerplate
    assert "© 2024 Riverside Gazette. All rights reserved.Privacy policy" in a.boilerplate
    assert "Sign up to our morning newsletter and get the headlines delivered to your inbox." in a.boilerplate
    assert a.outlet is not None
    assert (a.outlet.value, a.outlet.origin) == ("Riverside Gazette", "html")
    assert a.outlet.evidence is not None and "og:site_name" in a.outlet.evidence
    assert a.published is not None and a.published.value == "2024-03-05"  # not the update time
    assert a.published.evidence is not None and "article:published_time" in a.published.evidence


KNOWN_DOMAIN = """<html><head>
<title>Minister resigns over expenses claims | Politics | The Guardian</title>
<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2023-10-02T06:00:00+01:00"}</script>
</head><body><main>
<h1>Minister resigns over expenses claims</h1>
<p>A junior minister resigned on Sunday night after newspaper reports about her expenses claims.</p>
<p>She said she had broken no rules but did not want to become a distraction for the government.</p>
<p>Getty Images</p>
<p>Read more: Opposition calls for inquiry into ministerial code</p>
<p>The prime minister thanked her for her service and said a replacement would be named on Monday.</p>
</main></body></html>
"""


def test_html_outlet_from_domain_table_and_jsonld_date():
    doc = RawDocument(
        file="k.html",
        uri="https://www.theguardian.com/politics/2023/oct/02/minister",
        content=KNOWN_DOMAIN,
        format="html",
    )
    a = clean(doc)
    assert a.title == "Minister resigns over expenses claims"
    assert a.outlet is not None and (a.outlet.value, a.outlet.origin) == ("The Guardian", "url")
    assert a.published is not None and a.published.value == "2023-10-02"
    assert "datePublished" in (a.published.evidence or "")
    # The text rules still apply to trafilatura's paragraphs.
    assert "Read more: Opposition calls for inquiry into ministerial code" in a.boilerplate
    assert "Read more:" not in a.text


def test_html_record_with_hints():
    doc = RawDocument(
        file="feed.jsonl#3",
        uri="https://www.riversidegazette.example/x",
        content=GAZETTE,
        format="record",
        hints={"title": "Footbridge approved", "published": "2024-03-06", "outlet": "Riverside Gazette"},
    )
    a = clean(doc)
    # The record's own fields win over the page's meta tags.
    assert a.title == "Footbridge approved"
    assert a.text.startswith("Footbridge approved\n\n")
    assert a.published is not None and (a.published.value, a.published.origin) == ("2024-03-06", "record")
    assert a.outlet is not None and a.outlet.origin == "record"


def test_broken_html_never_raises():
    for content in ["<html><body><p>Unclosed", "<<<<", "", "<html></html>", "\x00<p>x</p>"]:
        a = clean(RawDocument(file="b.html", uri="b.html", content=content, format="html"))
        assert isinstance(a.text, str)
    a = clean(
        RawDocument(
            file="b.html",
            uri="b.html",
            content="<html><body><p>Unclosed paragraph about the harbour",
            format="html",
        )
    )
    assert "Unclosed paragraph about the harbour" in a.text


TABLOID_PAGE = """<!DOCTYPE html><html lang="en"><head>
<title>Putin ally 'under house arrest' after row with generals - Daily Bugle</title>
<meta name="description" content="A close ally is said to be confined to his home.">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Putin ally 'under house arrest' after row with generals","datePublished":"2023-06-27T10:12:00Z","publisher":{"@type":"Organization","name":"Daily Bugle"}}</script>
</head><body>
<header><a href="/">Daily Bugle</a><ul><li>News</li><li>Politics</li><li>Showbiz</li></ul></header>
<div class="article-body">
<h1>Putin ally 'under house arrest' after row with generals</h1>
<p>A close ally of the Russian president is said to be confined to his home after a furious row with senior generals, according to reports.</p>
<figure><img src="a.jpg"><figcaption>The ally was last seen in public a week ago (Image: Getty)</figcaption></figure>
<p><strong>READ MORE: <a href="/x">Kremlin insider reveals secret meeting</a></strong></p>
<p>The claims could not be independently verified.</p>
<p>Sign up to our free daily newsletter to get the latest news delivered to your inbox.</p>
<p>Officials in Moscow declined to comment when approached on Tuesday.</p>
<p>Twitter/@warmonitor</p>
<p>A video shared online appeared to show armed guards outside the property.</p>
</div>
<aside><h3>Most Read</h3><ol><li><a href="/1">Celebrity Chef Opens New Restaurant</a></li></ol></aside>
<footer>© Daily Bugle Ltd 2023</footer>
</body></html>
"""


def test_html_furniture_inside_the_article_body():
    a = clean(
        RawDocument(
            file="t.html", uri="https://www.dailybugle.example/news/1", content=TABLOID_PAGE, format="html"
        )
    )
    assert a.title == "Putin ally 'under house arrest' after row with generals"
    # Every visible line that is not body, in page order: the extractor's drops (nav,
    # caption, aside, footer; one line per source line) and the text rules' removals.
    assert a.boilerplate == [
        "Daily BugleNewsPoliticsShowbiz",
        "The ally was last seen in public a week ago (Image: Getty)",
        "READ MORE: Kremlin insider reveals secret meeting",
        "Sign up to our free daily newsletter to get the latest news delivered to your inbox.",
        "Twitter/@warmonitor",
        "Most ReadCelebrity Chef Opens New Restaurant",
        "© Daily Bugle Ltd 2023",
    ]
    assert a.text.split("\n\n")[1:] == [
        "A close ally of the Russian president is said to be confined to his home after a furious row with senior generals, according to reports.",
        "The claims could not be independently verified.",
        "Officials in Moscow declined to comment when approached on Tuesday.",
        "A video shared online appeared to show armed guards outside the property.",
    ]
    # No og:site_name: the JSON-LD publisher names the outlet, with the snippet as evidence.
    assert a.outlet is not None and a.outlet.value == "Daily Bugle"
    assert a.outlet.evidence is not None and '"publisher"' in a.outlet.evidence
    assert a.published is not None and a.published.value == "2023-06-27"
