"""Which lines of a scrape are page furniture rather than article body.

Rules are written per family of furniture (prompts, credits, players, widgets, link lists,
promos, tags, metadata lines), not per site: each family is a few patterns on one line plus
a few rules on neighbouring lines (a caption sits right before its credit; a "Related"
header owns the teaser list after it). Every line gets a label, or None for body.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .lines import (
    Line,
    ends_sentence,
    final_char,
    headline_like,
    is_bullet,
    is_truncated,
    norm_key,
    title_case,
    unbullet,
    word_count,
)


def _rx(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


# Notification, cookie and newsletter prompts.
PROMPT = _rx(
    r"\b(enable|allow|turn on|receive|get|push)\b.{0,40}\bnotifications?\b",
    r"\bnotifications?\b.{0,40}\b(enable|allow|turn on|on|off)\b",
    r"\bnever miss\b.{0,40}\b(stor(y|ies)|news|updates?|exclusives?|alerts?|headlines?|articles?)\b",
    r"\bsend you\b.{0,40}\b(reminders?|alerts?|notifications?|updates|emails?)\b",
    r"^(just )?(click|tap|press|hit|select)\b.{0,30}\b(ok|allow|accept|yes)\b",
    r"\bcookies?\b.{0,80}\b(consent|cookie (policy|settings|preferences|notice)|this (web)?site|our (web)?site)\b",
    r"\b(we use|accept( all)?|manage|reject( all)?)\b.{0,20}\bcookies?\b",
    r"\bnewsletters?\b.{0,80}\b(sign up|subscribe|inbox|e-?mail|register|unsubscribe)\b",
    r"\b(sign up|subscribe|register)\b.{0,40}\bnewsletters?\b",
    r"\b(your?|you'll)\b.{0,80}\bnewsletters?\b|\bnewsletters?\b.{0,80}\b(your?|you'll)\b",
    r"\b(currently|temporarily) unavailable\b|\bplease try again later\b",
    r"^(get|have|receive|sign up|subscribe|want)\b.{0,80}\b(to|into|in) your inbox\b",
    r"\bdelivered (straight |directly |right )?(to|into) your inbox\b",
    r"^(enter|type) your e-?mail",
    r"\bthanks? (you )?for (subscribing|signing up|registering)\b",
    r"\binvalid e-?mail\b",
    r"\bsomething went wrong\b.{0,40}\btry again\b",
    r"\bctrl\s*\+\s*enter\b",
    r"\b(if you )?(notice|spot|find|found|see) an? (error|mistake|typo)\b.{0,60}\b(select|highlight|press|let us know|report)\b",
    r"\b(privacy (policy|notice|statement)|terms (of (use|service)|and conditions))\b.{0,60}\b(read|see|agree|accept|apply|our)\b",
    r"\bby (continuing|clicking|signing up|subscribing|registering)\b.{0,60}\b(agree|accept|consent)\b",
)

# Subscription, donation and app promos.
PROMO = _rx(
    r"^(sign up|subscribe|register|join us|join now|log ?in|sign in|create (an|your) account)\b",
    r"[.!?]\s+(sign up|subscribe|register|join( us)?)\b[^.!?]{0,30}[.!]?$",
    r"\b(sign up|subscribe)( now| today| here| for free| free)+[.!]?$",
    r"\bunlimited (digital )?access\b",
    r"\b(support|fund|back|donate to)\b.{0,30}\b(journalism|reporting|newsroom)\b",
    r"\bbecome (a|an|our) (\w+ ){0,3}(member|subscriber|supporter|patron|donor)\b",
    r"\balready (a (subscriber|member)|have an account|registered)\b",
    r"\bclick here\b",
    r"\b(download|get) (our|the) (free )?app\b",
    r"\bfollow us on\b",
    r"^follow\b.{0,40}\b(on|across)\b.{0,40}\b(facebook|twitter|instagram|x|tiktok|telegram|whatsapp|social)\b",
    r"\bfollow (our|the|us for)( live)? (coverage|blog|updates|reporting)\b",
    r"\bif you have (any )?information\b.{0,80}\b(contact|email|get in touch|message)\b",
    r"\bdonate (today|now|here|to us)\b",
    r"^contact( us)?\s*:",
    r"\bwe pay for (your )?(stories|videos|pictures)\b",
    r"\bfor more (stories|news|articles|content|videos) like this\b",
    r"\b(do you have|got) a (story|news tip|tip)\b",
    r"\b(email|emailing|contact|message|whatsapp) us (at|on)\b",
    r"\bget in touch\b.{0,60}\b(email|emailing|@)",
    r"\bsubscri(be|ption|bers?)\b.{0,40}\b(offer|only|exclusive|access|trial|per (month|week|year))\b",
)

# Players and page chrome that scrapes flatten into lines.
CHROME = _rx(
    r"\benable javascript\b",
    r"\bvideo player\b",
    r"\byour browser does not support\b",
    r"\b(modal|dialog) window\b",
    r"^(play|replay|pause|mute|unmute|watch)( the)?( video| now| again| live)?$",
    r"^(now playing|up next|loaded|duration|current time|remaining time|playback rate|chapters|captions|subtitles|audio track|fullscreen|seek to live|stream type)\b",
    r"^\d{1,2}:\d{2}(:\d{2})?$",
    r"^(advertisement|advert|ad|sponsored( content)?|promoted|paid (content|post)|partner content)$",
    r"^(story|article) continues( below)?( advertisement)?$",
    r"^(continue reading|scroll (down )?to continue|skip (this )?ad|listen to (this )?(article|story)|play audio)( below)?$",
    r"^\d+\s*min(ute)?s?( read| listen)$",
    r"^(estimated )?(reading|read) time\b",
    r"^(back to top|go to (the )?homepage|skip to (main )?content|jump to)\b",
    r"^(menu|search|home|close|open|next|previous|prev|back|expand|loading|listen|audio|video|gallery)\W*$",
    r"^advertisement\b.{0,30}$",
    r"^(video )?ad feedback$",
    r"^(click|tap) to (play|watch|expand|enlarge|view)\b",
    r"^((updated|published|posted|last updated)\s*:?\s*)?\d+ (seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?) ago$",
    r"^(show|see|load|view|read) (more|less|all)$",
    r"^(video|audio|image|social|twitter|instagram|tiktok|youtube|facebook) embed$",
    r"^(arrow|icon|chevron|logo|close icon|caret)$",
    r"^((photo|image|picture|slide)\s+)?\d+\s*(of|/)\s*\d+$",
    r"^(enlarge|expand) this image$",
    r"^(hide|show|toggle) caption$",
    r"^(skip past|before|after) newsletter promotion$",
    r"^this article is more than \d+ \w+ old$",
    r"^[_\-–—=*~•·.#+ ]+$",
    r"^updated?\b.{0,40}:\s*this (article|story|post) (has been|was) updated\b",
    r"^our standards\b",
)

# Share buttons and comment forms.
WIDGET = _rx(
    r"^share( this)?( article| story| post| page| link)?\s*[:!]?$",
    r"^share( this( article| story| post| page)?)?\s*(:|on \w+|via \w+|with (your )?friends)",
    r"^(tweet|e-?mail|print|copy( link)?|link copied|whatsapp|facebook|twitter|x|linkedin|reddit|pinterest|messenger|telegram|flipboard|comments?|\d+ comments?|view( all)?( \d+)? comments|show comments|load comments|add (a )?comment|post( a)? comment|submit|cancel reply|reply|report|like|save|saved|bookmark|gift (this )?article|follow)$",
    r"\bplease enter (your|a valid)\b",
    r"\byou have entered an incorrect\b",
    r"^leave a (reply|comment)\b",
    r"^(comments?|replies|responses)\s*\(\d+\)$",
    r"\byour email address will not be published\b",
    r"\brequired fields are marked\b",
    r"\bsave my name\b",
    r"\bnotify me of (follow-up|new)\b",
    r"\bjoin the (conversation|discussion|debate)\b",
    r"\bcomments? (are|have been) (closed|disabled|moderated|switched off)\b",
    r"^(log|sign) in to (comment|reply)\b",
    r"\bcommenting (guidelines|policy|rules)\b",
    r"^have your say$",
    r"^(comment|comments|reply) (now|here|below)$",
    r"\b(share|leave) your (views|thoughts|comments)\b.{0,30}\bcomments?\b",
    r"\blet us know\b.{0,40}\bin the comments\b",
    r"\bcommenting forum\b",
    r"^join\b.{0,40}\b(conversations?|discussions?|debates?|community)\b",
    r"^(request reprint|submit (a )?correction|view editorial guidelines|reuse this content|report an error)\b",
    r"\byour comment will (appear|be (published|posted|visible|reviewed))\b",
    r"\bmoderator\b.{0,30}\bapprove",
)

# Site disclaimers and aggregator notices.
DISCLAIMER = _rx(
    r"\bcopyright (remains|belongs|rests) with\b",
    r"\ball rights (reserved|belong|remain)\b",
    r"\b(aggregates|curates|collects) (\w+ ){0,2}(stories|news|articles|content|headlines)\b",
    r"\b(is )?a registered trademark\b",
    r"\bthe views expressed\b.{0,60}\b(author|own|necessarily)\b",
    r"\bwe may earn (a )?(commission|money)\b",
    r"\baffiliate links?\b",
)

# Headers of link boxes ("Related articles", "More stories", "You may also like").
RELATED_HEADER = _rx(
    r"^related( (articles?|stories|content|posts|news|coverage|reading|links|topics|videos?))?$",
    r"^more (stories|news|like this|top stories|to read|videos?|(on|from|in|about)\b.*)$",
    r"^(most|top) (read|popular|viewed|shared|watched|stories)( now| today| this week)?$",
    r"^(trending|popular|latest)( now| today| news| stories| videos?)?$",
    r"^recommended( for you| stories| reading| articles| videos?)?$",
    r"^you (may|might|will|could) (also )?(like|enjoy|be interested in)$",
    r"^(further|recommended) reading$",
    r"^(see|read) (also|next|more)$",
    r"^also (read|see|on\b.*)$",
    r"^(what|read) to read next$",
    r"^editor'?s (picks?|choice)$",
    r"^(don'?t miss|must reads?|in other news|around the web|from (our|the) (partners|network))$",
    r"^(explore|find) more on (these|this) (topics?|stories)$",
    r"^(watch|listen) (more|next)$",
    r"^(sponsored|promoted|partner) (stories|content|links)$",
)
# A header of an explainer or live box: the box's prose may stay, its header does not.
EXPLAINER = _rx(
    r"\b(everything you need to know|what you need to know|what we know( so far)?|live updates?|latest updates|live blog|in pictures|in numbers|key facts|at a glance)\b",
)

# One-line links to other stories ("Read more: …", "MORE: …").
LINK_LINE = _rx(
    r"^(read more|more|read|also read|read also|see also|related|watch|watch more|listen|recommended|don'?t miss|must read|read next|trending|most read|click here)\s*[:|>»]\s*\S",
    r"^(you )?(may|might) (also )?be interested( in)?( the news| this| these)?\s*[:|>»]\s*\S",
)
_MONTHS_RX = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)[a-z]*\b"
# Teaser links tagged in brackets: "… [REVEAL]", "… [VIDEO]".
TAGGED_LINK = re.compile(r"\[(?-i:[A-Z]{3,}(?: [A-Z]+)?)\]$")
# "Read more at X.": the article continues at (so came from) outlet X.
READ_MORE_AT = re.compile(
    r"^(?:read|see|find|continue reading|read the (?:full|whole|original|rest of the) (?:story|article|report))"
    r"(?: more| it| this(?: story| article)?| the full story| the full article)?\s+(?:at|on)\s+"
    r"(?P<name>(?:[Tt]he\s+)?(?-i:[A-Z0-9]).*?|[\w-]+\.[a-z]{2,}\S*)\s*[.!]?$",
    re.IGNORECASE,
)
# "This article originally appeared on X", "First published by X", "Republished with permission of X".
# An outlet's name: capitalised, and not a date ("First published in May 2020").
_NAME = rf"(?!{_MONTHS_RX})(?:[Tt]he\s+)?(?-i:[A-Z])[^,;(]*?"
ORIGINALLY = re.compile(
    r"^(?:this (?:article|story|piece|report|post|content) (?:was |is |has been )?(?:originally |first )?"
    r"(?:appeared|published|ran|syndicated|distributed|supplied|provided|reproduced|republished)"
    r"|(?:originally|first) (?:appeared|published|ran)"
    r"|(?:republished|reproduced|reprinted|used)(?= with)|©\s*provided(?= by)"
    r"|(?:republished|reproduced|reprinted))(?: with (?:the )?permission)?"
    rf"\s+(?:on|in|at|by|from|through|via|of)\s+(?P<name>{_NAME})\s*(?:[,.;(]|$)",
    re.IGNORECASE,
)
PLATFORMS = {"instagram", "twitter", "x", "facebook", "youtube", "tiktok", "telegram", "linkedin", "threads"}
# "Source: X" lines and bare re-publication markers ("Read Full Article").
SOURCE = re.compile(r"^sources?\s*[:：]\s*(?P<name>.+?)\s*$", re.IGNORECASE)
FULL_ARTICLE = _rx(r"^(read|view|see|open) (the )?(full|original|whole) (article|story|report)[.!]?$")

TAGS = _rx(
    r"^(topics?|tags?|tagged( with| as| in)?|filed (under|in)|categor(y|ies)|keywords?|related (topics|tags)|subjects?|posted in|more on|more about)\s*[:：]",
    r"^(topics|tags)$",
)
# "© 2024 X", "Copyright 2024 X. All rights reserved.": the name is outlet evidence.
COPYRIGHT = re.compile(
    r"^(?:copyright\s*)?(?:©|\(c\)(?=\s*\d{4})|copyright\s+(?=\d{4}))\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?,?\s*)?"
    r"(?P<name>[^.,;|]*?)\s*(?:\b\d{4}\b)?\s*(?:[.,;|].*)?$",
    re.IGNORECASE,
)
# A footer naming the site before the sign: "Castrel Gazette © 2026 · Terms · Privacy".
FOOTER_COPYRIGHT = re.compile(
    r"^(?P<name>(?:[Tt]he\s+)?(?:[A-Z][\w&'’.-]*\s+){0,4}[A-Z][\w&'’.-]*)\s*(?:©|\(c\))\s*\d{4}\b"
)
BYLINE = re.compile(
    r"^(?i:(?:written |words |reporting |additional reporting |edited |editing |compiled )?by)\s+"
    r"(?:[A-Z][\w'’.-]*\s*){1,4}(?:$|[,|;&/–—-]|and\b|\band\b|in\b|for\b)",
)
# A byline's second line: "Senior News Reporter", "Moscow Correspondent".
JOB_TITLE = re.compile(
    r"^(?:[A-Z][\w'’&-]*\s+){0,4}(?i:reporter|correspondent|editor|writer|journalist|columnist|contributor"
    r"|producer|analyst|chief|staff|bureau chief|news desk|newsdesk)s?$"
)
WIRE_TRAILER = _rx(
    r"^\(?(additional )?(reporting|writing|editing) by\s+(?-i:[A-Z])",
    r"\bcontributed (reporting )?to this (report|article|story)\b",
)

# Image credits: an agency or a "Photo:" prefix, and nothing else but names.
_AGENCY = (
    r"getty( images)?|alamy( stock photo| live news)?|shutterstock|rex( features)?|reuters|ap( photo| images)?"
    r"|associated press|afp|agence france[- ]presse|epa(-efe)?|efe|pa( wire| images| media| archive)?"
    r"|press association|sputnik|tass|ria novosti|xinhua|bloomberg|nurphoto|sopa images|lightrocket|zuma( wire| press)?"
    r"|istock(photo)?|unsplash|pexels|pixabay|wikimedia( commons)?|anadolu( agency)?|upi|kyodo|yonhap|imago"
    r"|dpa|picture alliance|sipa( usa)?|abaca( press)?|wenn|backgrid|splash news|mega|swns|solent news|mercury press"
    r"|cover images|jam press|newsflash|caters( news)?|mirrorpix|corbis|bettmann|hulton archive|universal images group"
    r"|bbc|kremlin( pool)?|pool|handout|supplied|courtesy|twitter|instagram|facebook|tiktok|youtube|telegram|ukrinform"
    r"|avalon|eyevine|camera press|magnum( photos)?|ukrainian presidential press service|presidential press service"
)
AGENCY = re.compile(rf"\b({_AGENCY})\b", re.IGNORECASE)
CREDIT_PREFIX = _rx(
    r"^\(?\s*((featured|main|top|header|lead|hero|cover) )?(image|photo|picture|pic|photograph|video|illustration|graphic|artwork|footage)s?( credits?| courtesy| source)?\s*[:：|]",
    r"^\(?\s*(photo |image )?credits?\s*[:：]",
    r"^(image|picture|photo|video) (source|copyright)\b",
    r"^\(?\s*(photo|image|picture|photograph|illustration)s? (by|courtesy of|via|from)\b",
)
CREDIT_FILLER = re.compile(
    r"\b(via|and|for|photos?|images?|pictures?|pics?|stock|file|staff|photographer|archive|news|agency|wire|of|the)\b"
    r"|[/|,;&()\[\]:.©–—-]|\d+",
    re.IGNORECASE,
)
# A caption that carries its own credit at the end: "… (Image: Getty)", "… Photo: AP".
TRAILING_CREDIT = _rx(
    r"\((image|photo|picture|pic|credit|photograph|video|illustration)s?\s*:[^)]*\)$",
    r"\([^()]*(\b(photo|images?|picture)s?\b|/)[^()]*\)$",
    r"(^|[.!?]\s+)(photo|image|picture|photograph|credit)s?\s*:\s*\S.{0,60}$",
    r"^(image|photo|video|media) caption\b",
)
# A house credit: "Courier Photo Desk", "Harbour Times Pictures", "Staff Photographer".
HOUSE_CREDIT = re.compile(
    r"^(?:[A-Z][\w'’.&-]*\s+){0,4}(?i:photo desk|photos?|pictures|images|photography|staff photographer)$"
)
# "Outlet | Section" breadcrumbs: a few short capitalised parts joined by bars or arrows.
BREADCRUMB = re.compile(
    r"^[A-Z][\w&'’.-]*(?: [\w&'’.-]+){0,2}(?:\s+[|>»›/]\s+[A-Z][\w&'’.-]*(?: [\w&'’.-]+){0,2})+$"
)


def is_credit(text: str) -> bool:
    """An image credit line: "Alamy", "AP Photo/Evan Vucci", "Featured Image Credit: …"."""
    if word_count(text) > 20:
        return False
    if CREDIT_PREFIX.search(text):
        return True
    if word_count(text) <= 6 and HOUSE_CREDIT.match(text):
        return True
    if word_count(text) > 10 or not AGENCY.search(text):
        return False
    rest = CREDIT_FILLER.sub(" ", AGENCY.sub(" ", text)).split()
    names_only = all(w[0].isupper() or w[0] == "@" for w in rest)  # names and social handles
    separated = bool(re.search(r"[/|©]|\bvia\b|\bfor\b", text, re.IGNORECASE))
    return names_only and (not rest or (separated and len(rest) <= 5))


def _names_outlet(rx: re.Pattern[str], text: str) -> bool:
    m = rx.search(text)
    return bool(m) and m.group("name").strip(" .").casefold() not in PLATFORMS


# Words link-box headers are made of; a short line of only these, with one of the
# anchors, is a header however a site orders them ("Read More Related Articles").
_HEADER_WORDS = {
    "read", "more", "related", "articles", "article", "stories", "story", "news", "also", "see", "next",
    "top", "most", "popular", "latest", "recommended", "for", "you", "from", "around", "the", "web",
    "trending", "now", "today", "don't", "miss", "in", "other", "editor's", "picks", "must", "reads",
    "further", "reading", "what", "to", "on", "this", "topic", "topics", "videos", "video", "watch",
    "links", "content", "sponsored", "promoted", "partner", "coverage", "our", "may", "might",
    "like",
}  # fmt: skip
_HEADER_ANCHORS = {
    "related",
    "more",
    "recommended",
    "trending",
    "popular",
    "latest",
    "miss",
    "picks",
    "reading",
    "reads",
}


def _related_header(text: str) -> bool:
    plain = text.rstrip(":：").strip()
    if word_count(plain) > 8:
        return False
    words = re.findall(r"[\w']+", plain.casefold())
    vocab = bool(words) and set(words) <= _HEADER_WORDS and bool(set(words) & _HEADER_ANCHORS)
    return vocab or bool(RELATED_HEADER.search(plain))


def _keyed(rx: re.Pattern[str], keys: tuple[str, ...]) -> Callable[[str], bool]:
    """A family test that runs its (slow, unanchored) regex only on lines holding a keyword."""

    def test(text: str) -> bool:
        low = text.lower()
        return any(k in low for k in keys) and bool(rx.search(text))

    return test


# Literal fragments every pattern of a family contains (a cheap pre-filter).
_PROMPT_KEYS = (
    "notif", "never miss", "send you", "click", "tap", "press", "hit", "select", "cookie", "newsletter",
    "inbox", "mail", "thank", "something went wrong", "unavailable", "try again", "privacy", "terms", "by continuing", "by clicking",
    "by signing", "by subscribing", "by registering", "ctrl", "error", "mistake", "typo",
)  # fmt: skip
_PROMO_KEYS = (
    "sign", "subscri", "register", "join", "log", "account", "unlimited", "journalism", "reporting",
    "newsroom", "become", "already", "click here", "app", "follow", "we pay", "like this", "story",
    "tip", " us ", "in touch", "donat", "information", "coverage", "contact",
)  # fmt: skip


# One-line families in the order they are tried: (label, test, longest line it applies to).
_ONE_LINE: list[tuple[str, Callable[[str], bool], int]] = [
    ("prompt", _keyed(PROMPT, _PROMPT_KEYS), 60),
    ("chrome", lambda t: bool(CHROME.search(t.rstrip(".!:"))), 25),
    ("widget", lambda t: bool(WIDGET.search(t.rstrip(".!:"))), 25),
    ("read_more_at", lambda t: _names_outlet(READ_MORE_AT, t), 12),
    ("originally", lambda t: _names_outlet(ORIGINALLY, t), 30),
    ("source", lambda t: bool(SOURCE.search(t)), 15),
    ("full_article", lambda t: bool(FULL_ARTICLE.search(t)), 8),
    ("tags", lambda t: bool(TAGS.search(t)), 60),
    ("related_header", _related_header, 8),
    ("link", lambda t: bool(LINK_LINE.search(t) or TAGGED_LINK.search(t)), 30),
    ("credit", is_credit, 20),
    ("caption", lambda t: bool(TRAILING_CREDIT.search(t)), 45),
    ("promo", _keyed(PROMO, _PROMO_KEYS), 60),
    ("copyright", lambda t: bool(COPYRIGHT.match(t) or FOOTER_COPYRIGHT.match(t)), 25),
    ("disclaimer", lambda t: bool(DISCLAIMER.search(t)), 40),
    ("breadcrumb", lambda t: bool(BREADCRUMB.match(t)), 10),
    ("byline", lambda t: bool(BYLINE.match(t)) or bool(WIRE_TRAILER.search(t)), 25),
    ("explainer", lambda t: headline_like(t, 12) and bool(EXPLAINER.search(t)), 12),
]


def label_line(text: str) -> str | None:
    """The family of a line judged on its own, or None when it may be body."""
    n = word_count(text)
    text = text.replace("’", "'")
    for label, test, longest in _ONE_LINE:
        if n <= longest and test(text):
            return label
    return None


def _teaser(text: str, after_headline: bool) -> bool:
    """Fits a link box: a headline, a cut-off snippet, a bullet, or the snippet after a headline."""
    return (
        headline_like(text, 30)
        or is_truncated(text)
        or is_bullet(text)
        or word_count(text) <= 6
        or (after_headline and word_count(text) <= 35)
    )


def classify(lines: list[Line], labels: list[str | None], title: int | None, title_text: str | None) -> None:
    """Fill `labels` (one per line, pre-filled by `label_line`) with the rules that need
    neighbours: captions, link boxes, headline-style link lines, repeated headlines."""
    key = norm_key(title_text) if title_text else None
    n = len(lines)
    for i, line in enumerate(lines):
        if i == title:
            continue
        if labels[i] is None and key and norm_key(line.text) == key:
            labels[i] = "repeated_headline"
        elif labels[i] is None and i > (title if title is not None else -1) and _link_like(line.text):
            labels[i] = "link"
    for i in range(1, n):
        if labels[i] is None and labels[i - 1] in ("byline", "dateline") and JOB_TITLE.match(lines[i].text):
            labels[i] = "byline"
    _captions(lines, labels, title)
    _link_boxes(lines, labels, title)
    _bullet_lists(lines, labels, n)
    _trailing(lines, labels, title)


def _link_like(text: str) -> bool:
    """A headline-style line inside the body: an embedded link to another story."""
    return (
        not is_bullet(text) and headline_like(text, 20) and final_char(text) not in "?!" and title_case(text)
    )


def _captions(lines: list[Line], labels: list[str | None], title: int | None) -> None:
    """A short line printed right before an image credit is that image's caption."""
    spaced = len({line.block for line in lines}) * 3 > len(lines)
    for i, line in enumerate(lines):
        if labels[i] != "credit" or i == 0:
            continue
        prev = i - 1
        if prev == title or labels[prev] is not None:
            continue
        before = lines[prev]
        # Sharing a block with the credit binds a caption to it, but only where the page
        # separates paragraphs with blank lines at all.
        same_block = spaced and before.block == line.block
        between = prev > 0 and labels[prev - 1] == "credit"
        short_label = word_count(before.text) <= 15 and not ends_sentence(before.text)
        if ((same_block or between) and word_count(before.text) <= 40) or short_label:
            labels[prev] = "caption"


def _link_boxes(lines: list[Line], labels: list[str | None], title: int | None) -> None:
    """After a "Related"/"More stories" header, the teasers that follow belong to the box."""
    i = 0
    while i < len(lines):
        if labels[i] != "related_header":
            i += 1
            continue
        after_headline = False
        j = i + 1
        while j < len(lines) and j != title:
            text = lines[j].text
            if labels[j] is None:
                if not _teaser(text, after_headline):
                    break
                labels[j] = "related"
            after_headline = headline_like(text, 30) and not after_headline
            j += 1
        i = j


def _bullet_lists(lines: list[Line], labels: list[str | None], n: int) -> None:
    """A run of bullets that are mostly headlines, late in the page, is a link list;
    bullets that are sentences (a summary) stay body."""
    i = 0
    while i < n:
        if not is_bullet(lines[i].text):
            i += 1
            continue
        j = i
        while j < n and is_bullet(lines[j].text):
            j += 1
        items = [unbullet(lines[k].text) for k in range(i, j)]
        headlines = sum(1 for t in items if headline_like(t, 30) or is_truncated(t))
        boxed = i > 0 and labels[i - 1] in ("related_header", "explainer", "related")
        if boxed or (headlines * 2 > len(items) and i >= n // 2):
            for k in range(i, j):
                labels[k] = labels[k] or "related"
        i = j


def _trailing(lines: list[Line], labels: list[str | None], title: int | None) -> None:
    """After the last prose paragraph, short lines that are not sentences are page furniture
    (menus, buttons, link lists the other rules did not name)."""
    prose = [i for i, line in enumerate(lines) if labels[i] is None and (i == title or _prose(line.text))]
    if not prose:
        return
    for i in range(prose[-1] + 1, len(lines)):
        if labels[i] is None and word_count(lines[i].text) <= 12 and not ends_sentence(lines[i].text):
            labels[i] = "trailing"


def _prose(text: str) -> bool:
    return ends_sentence(text) and word_count(text) >= 8
