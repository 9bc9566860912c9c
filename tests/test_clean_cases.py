"""Furniture of more site templates, written as whole articles with their expected split.

Each batch was written before running clean on it (first runs: boilerplate-line F1 0.947,
0.944, 0.894 and 0.700, precision 1.0 each time); the rules were then fixed by family, not
by line.
"""

from __future__ import annotations

import pytest

from accordingto.clean import clean
from accordingto.model import RawDocument

CASES = [
    (
        """Russia Moves Nuclear-Capable Missiles Closer to Border: Report

Published Mar 12, 2024 at 9:41 AM EDT

By Tom Hale
Senior News Reporter

Russia has moved a battery of nuclear-capable missiles to within 60 miles of its western border, according to satellite images reviewed by a think tank.

The images, taken on Sunday, show at least four launchers at a base near the town of Klintsy.

Newsweek reached out to the Russian Defense Ministry for comment via email.

What Happens Next For Europe's Air Defenses

Analysts said the move was largely symbolic.

Update 3/12/24, 11:05 a.m. ET: This article has been updated with additional information.

Request Reprint & Licensing
Submit Correction
View Editorial Guidelines
""",
        [
            "Published Mar 12, 2024 at 9:41 AM EDT",
            "By Tom Hale",
            "Senior News Reporter",
            "What Happens Next For Europe's Air Defenses",
            "Update 3/12/24, 11:05 a.m. ET: This article has been updated with additional information.",
            "Request Reprint & Licensing",
            "Submit Correction",
            "View Editorial Guidelines",
        ],
        "Russia Moves Nuclear-Capable Missiles Closer to Border: Report",
    ),
    (
        """© Provided by The Independent

Kremlin critic jailed for 25 years after treason trial

A prominent Kremlin critic has been sentenced to 25 years in a maximum-security prison after being convicted of treason.

The court in Moscow said he had spread "false information" about the army.

His lawyers said they would appeal.

Sign up for our free Inside Washington email

Join our commenting forum

Join thought-provoking conversations, follow other Independent readers and see their replies

Most Read
Tourists Stranded After Volcano Erupts Near Resort
Why Britain's railways cost so much to run
""",
        [
            "© Provided by The Independent",
            "Sign up for our free Inside Washington email",
            "Join our commenting forum",
            "Join thought-provoking conversations, follow other Independent readers and see their replies",
            "Most Read",
            "Tourists Stranded After Volcano Erupts Near Resort",
            "Why Britain's railways cost so much to run",
        ],
        "Kremlin critic jailed for 25 years after treason trial",
    ),
    (
        """Ukraine says it downed 30 drones overnight
10 March 2024, 08:15

Ukraine's air force said it shot down 30 of 35 drones launched by Russia overnight.

Debris fell on a residential area in the Kharkiv region, injuring two people, the regional governor said.

Photo: Ukrainian Air Force

Russia did not comment on the attack.

Support UP or become our patron!

Advertisement:

Journalists fight on their own frontline. Support Ukrainska Pravda or become our patron!
""",
        [
            "10 March 2024, 08:15",
            "Photo: Ukrainian Air Force",
            "Support UP or become our patron!",
            "Advertisement:",
            "Journalists fight on their own frontline. Support Ukrainska Pravda or become our patron!",
        ],
        "Ukraine says it downed 30 drones overnight",
    ),
    (
        """Skip to main content
Menu
Search

World

Navy ship sinks after collision in the Baltic

Listen to this article
2 min read

HELSINKI (AFP) - A naval vessel sank in the Baltic Sea on Friday after colliding with a cargo ship, the coastguard said.

All 24 crew members were rescued, it added.

The cause of the collision was not immediately clear.

Sponsored Stories
Doctors Stunned By This One Simple Trick
The Best Hotels In Lisbon For 2024

© 2024 AFP
""",
        [
            "Skip to main content",
            "Menu",
            "Search",
            "World",
            "Listen to this article",
            "2 min read",
            "Sponsored Stories",
            "Doctors Stunned By This One Simple Trick",
            "The Best Hotels In Lisbon For 2024",
            "© 2024 AFP",
        ],
        "Navy ship sinks after collision in the Baltic",
    ),
    (
        """Home » World » Europe

Police raid offices of opposition party in Belgrade

Updated: 2 hours ago

Police searched the headquarters of Serbia's main opposition party on Thursday, seizing computers and documents.

"This is an attack on democracy," party leader Milan Jovic told reporters outside the building.

Officers outside the party headquarters
Image: Darko Vojinovic/AP/picture alliance

The interior ministry said the search was part of a fraud investigation.

Show more
Related content
Serbia election: what you need to know
Protesters block highway in Novi Sad
""",
        [
            "Home » World » Europe",
            "Updated: 2 hours ago",
            "Officers outside the party headquarters",
            "Image: Darko Vojinovic/AP/picture alliance",
            "Show more",
            "Related content",
            "Serbia election: what you need to know",
            "Protesters block highway in Novi Sad",
        ],
        "Police raid offices of opposition party in Belgrade",
    ),
    (
        """By Maria Chen, BBC News, Taipei

Taiwan detects Chinese warships near its coast

Taiwan's defence ministry said it had detected 12 Chinese warships and 20 aircraft around the island in the past 24 hours.

Media caption, Taiwan's president spoke to troops on Monday

The ministry said it was monitoring the situation and had deployed its own forces in response.

China considers Taiwan a breakaway province.

Related Topics
Taiwan
China

More on this story
Why is China sending warships?
""",
        [
            "By Maria Chen, BBC News, Taipei",
            "Media caption, Taiwan's president spoke to troops on Monday",
            "Related Topics",
            "Taiwan",
            "China",
            "More on this story",
            "Why is China sending warships?",
        ],
        "Taiwan detects Chinese warships near its coast",
    ),
    (
        """Army chief sacked after drone strike on base

Image 1 of 4

The head of the army was dismissed on Monday, two days after a drone attack on an air base killed six soldiers.

The defence minister announced the decision in a televised address.

Loading...

He said a new commander would be appointed within a week.

Reuters contributed to this report.

Copyright 2024 Nation Media Group. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.
""",
        [
            "Image 1 of 4",
            "Loading...",
            "Reuters contributed to this report.",
            "Copyright 2024 Nation Media Group. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.",
        ],
        "Army chief sacked after drone strike on base",
    ),
    (
        """Kremlin 'bans officials from travelling abroad' amid fears of defections

Share post:

Russian officials have been ordered to hand in their passports, according to a report by an independent news site.

The order is said to cover thousands of civil servants and employees of state companies.

A source said: "Everyone is being watched now."

Please enter your comment!
Please enter your name here
You have entered an incorrect email address!
Please enter your email address here
Save my name, email, and website in this browser for the next time I comment.

Latest articles

Harry Styles Spotted On Secret Holiday With New Girlfriend

The singer was seen on a beach in Italy with...

Popular Category
World 2341
Politics 1204
""",
        [
            "Share post:",
            "Please enter your comment!",
            "Please enter your name here",
            "You have entered an incorrect email address!",
            "Please enter your email address here",
            "Save my name, email, and website in this browser for the next time I comment.",
            "Latest articles",
            "Harry Styles Spotted On Secret Holiday With New Girlfriend",
            "The singer was seen on a beach in Italy with...",
            "Popular Category",
            "World 2341",
            "Politics 1204",
        ],
        "Kremlin 'bans officials from travelling abroad' amid fears of defections",
    ),
    (
        """Make sure you never miss out on the news you care about - turn on alerts

Russian general 'killed in missile strike' on command post

Featured Image Credit: Mikhail Petrov/Getty Images

Russian general 'killed in missile strike' on command post

The general was reportedly one of the most senior officers to die in the conflict

A Russian major general has been killed in a missile strike on a command post in the south, according to Ukrainian officials.

The strike was filmed by a drone.
Credit: Telegram/@frontline_news

Moscow has not confirmed his death.

Topics: News, World News, Russia, Ukraine
""",
        [
            "Make sure you never miss out on the news you care about - turn on alerts",
            "Featured Image Credit: Mikhail Petrov/Getty Images",
            "Russian general 'killed in missile strike' on command post",
            "The strike was filmed by a drone.",
            "Credit: Telegram/@frontline_news",
            "Topics: News, World News, Russia, Ukraine",
        ],
        "Russian general 'killed in missile strike' on command post",
    ),
    (
        """Putin 'furious' as elite unit suffers heavy losses near Bakhmut

An elite Russian unit has lost more than half of its men in fighting near Bakhmut, British intelligence says.

To view this video please enable JavaScript, and consider upgrading to a web browser that supports HTML5 video

The Ministry of Defence said the brigade had been "largely destroyed".

Get in touch with our news team by emailing us at newsdesk@example.com.

For more stories like this, check our news page.

Source: Read Full Article
""",
        [
            "To view this video please enable JavaScript, and consider upgrading to a web browser that supports HTML5 video",
            "Get in touch with our news team by emailing us at newsdesk@example.com.",
            "For more stories like this, check our news page.",
            "Source: Read Full Article",
        ],
        "Putin 'furious' as elite unit suffers heavy losses near Bakhmut",
    ),
    (
        """ date 2024-05-02 Russia has lost 470,000 soldiers in the war, says General Staff
Source:  General Staff of the Armed Forces of Ukraine

Read also: Zelensky signs law on mobilisation

Over the past day, Ukrainian defenders eliminated 1,100 Russian soldiers, the General Staff reported.

You may be interested in the news: Russia strikes energy facilities in four regions

If you notice an error, select it with the mouse and press Ctrl+Enter
""",
        [
            "Source:  General Staff of the Armed Forces of Ukraine",
            "Read also: Zelensky signs law on mobilisation",
            "You may be interested in the news: Russia strikes energy facilities in four regions",
            "If you notice an error, select it with the mouse and press Ctrl+Enter",
        ],
        "Russia has lost 470,000 soldiers in the war, says General Staff",
    ),
    (
        """Wagner Boss Vows Revenge After Fighters Killed in Ambush

Sergei Ilnitsky/EPA-EFE/Shutterstock
Sergei Ilnitsky/EPA-EFE/Shutterstock

The head of the Wagner mercenary group vowed revenge on Saturday after dozens of his fighters were killed in an ambush in Mali.

"We will find those responsible," he said in an audio message posted on Telegram.

Mali's Army Says It Repelled Attack on Northern Base

The group has operated in Mali since 2021, according to Western officials.

Read it at The Guardian

Get our Top Stories newsletter in your inbox every morning. Sign up here.
""",
        [
            "Sergei Ilnitsky/EPA-EFE/Shutterstock",
            "Sergei Ilnitsky/EPA-EFE/Shutterstock",
            "Mali's Army Says It Repelled Attack on Northern Base",
            "Read it at The Guardian",
            "Get our Top Stories newsletter in your inbox every morning. Sign up here.",
        ],
        "Wagner Boss Vows Revenge After Fighters Killed in Ambush",
    ),
    (
        """We're sorry, this feature is currently unavailable. We're working to restore it. Please try again later.

Kremlin purges top brass after failed offensive

The Kremlin has dismissed at least five senior commanders following the collapse of an offensive in the east, a think tank said.

Russian soldiers at a training ground. (Picture: AFP)

The Institute for the Study of War said the dismissals suggested growing frustration in Moscow.

Comment now

Video embed

MORE : Ukraine says Russian losses 'highest since the start of the war'

Sign up to all the latest stories

Start your day informed with Metro's News Updates newsletter or get Breaking News alerts the moment it happens.

Arrow
MORE: Trending
""",
        [
            "We're sorry, this feature is currently unavailable. We're working to restore it. Please try again later.",
            "Russian soldiers at a training ground. (Picture: AFP)",
            "Comment now",
            "Video embed",
            "MORE : Ukraine says Russian losses 'highest since the start of the war'",
            "Sign up to all the latest stories",
            "Start your day informed with Metro's News Updates newsletter or get Breaking News alerts the moment it happens.",
            "Arrow",
            "MORE: Trending",
        ],
        "Kremlin purges top brass after failed offensive",
    ),
]


@pytest.mark.parametrize(("text", "boilerplate", "title"), CASES, ids=[c[2][:30] for c in CASES])
def test_template_furniture(text, boilerplate, title):
    a = clean(RawDocument(file="case.txt", uri="case.txt", content=text, format="text"))
    assert a.title == title
    assert a.boilerplate == boilerplate
    # The body is the headline, then every other line that is not furniture, in order.
    rest, kept, seen_title = list(boilerplate), [title], False
    for line in (raw.strip() for raw in text.splitlines()):
        if not line:
            continue
        if not seen_title and line.endswith(title):
            seen_title = True
        elif line in rest:
            rest.remove(line)
        else:
            kept.append(line)
    assert a.text.split("\n\n") == kept


def test_template_metadata():
    by_title = {c[2]: clean(RawDocument(file="c", uri="c", content=c[0], format="text")) for c in CASES}
    first = by_title["Russia Moves Nuclear-Capable Missiles Closer to Border: Report"]
    assert first.published is not None and first.published.value == "2024-03-12"
    msn = by_title["Kremlin critic jailed for 25 years after treason trial"]
    assert msn.republished_from is not None and msn.republished_from.value == "The Independent"
    wire = by_title["Navy ship sinks after collision in the Baltic"]
    assert wire.outlet is not None and wire.outlet.value == "Agence France-Presse"
    bbc = by_title["Taiwan detects Chinese warships near its coast"]
    assert bbc.outlet is not None and bbc.outlet.value == "BBC News"
    nation = by_title["Army chief sacked after drone strike on base"]
    assert nation.outlet is not None and nation.outlet.value == "Nation Media Group"
    aggregator = by_title["Putin 'furious' as elite unit suffers heavy losses near Bakhmut"]
    assert aggregator.republished_from is not None
    assert (aggregator.republished_from.value, aggregator.republished_from.evidence) == (
        None,
        "Source: Read Full Article",
    )
    header = by_title["Russia has lost 470,000 soldiers in the war, says General Staff"]
    assert header.published is not None and header.published.value == "2024-05-02"
    assert header.republished_from is None  # a general staff is a source, not an outlet
