from datetime import UTC, datetime

import pytest

from briefgen.compose import split_article
from briefgen.models import Article
from briefgen.nlp.quality import (
    asks,
    background,
    bare_definite_opening,
    bare_place,
    continues_long_past,
    dates_its_event,
    event_reference,
    generic_statement,
    glued_words,
    long_past,
    names_headline_thing,
    needs_context,
    opens_quotation,
    quotation_after,
    reads_alone,
    reads_as_news,
)


def _example(
    title: str, *paragraphs: str, published: datetime = datetime(2024, 3, 5, tzinfo=UTC)
) -> Article:
    """An article of the outlet "Example", for the tests that read its sentences."""
    return Article(title=title, paragraphs=paragraphs, published=published, outlet="Example")


@pytest.mark.parametrize(
    "text",
    [
        "But he said the talks would go on.",
        "However, the ministry declined to comment.",
        "He told reporters the deal was done.",
        "They will meet again in March.",
        "This is the second launch in a month.",
        "Also on the agenda were tariffs on steel.",
        '"We will not back down," she said.',
        "In addition, the ministry announced new sanctions.",
        "Most of its frigates are based in the north.",
        "By official counts, as of 2019 only three of their reactors were running.",
        "Part of its stake is held through options.",
        "One of those programmes would let widows draw a pension.",
        "After the flood, only a few of them went back to their farms.",
        # A connective that weighs the sentence against the one before.
        "For that matter, the wider economy gains from cheaper fuel.",
        "By contrast, the southern provinces voted to stay.",
        "For example, only eight of the twelve leaders came to sign the charter.",
        "Finally, the Velmar mill will stop taking orders for steel plate.",
        "In return, the envoys agreed to drop their claim to the islands.",
        "For its part, the Nordvik bank will raise its stake in the mill to 40 pct.",
        "Worse, the harvest in the south failed for a second year.",
        "In particular, exports of grain to Tarsk fell by a third.",
        "Second, the port will need two more cranes before the winter.",
        "Rather, the board wants the mill sold to its own workers.",
        "Under the agreement, the Velmar banks will hold 50 pct of the new firm.",
        # What the sentence before set out, or someone's view of it.
        "In this context, roads that cross borders favour the trade in goods.",
        "For that reason, the Velmar bank will not cut its rates this spring.",
        "On that basis, the trade surplus fell to 9.16 billion crowns in February.",
        "Some are calling it the most significant battle in Velmar since the 1950s.",
        "Analysts see this squeeze as the best hope for cheaper credit.",
        # Time counted from something told before.
        "Four hours later, the envoy called the mayor back for a last attempt at a deal.",
        "Thirty-six hours later, the sergeant was ordered to report to the base.",
        "More than a century later, the library still lets residents of both towns mix.",
        "Later he left the capital for a tour of the northern provinces.",
        "Afterwards, the delegation will travel on to the summit in Lisbon.",
        "The Velmar Army later expanded the air defence plan to five regiments.",
        # Other ones than those told of before.
        "Other dealers said the Nordvik crown could fall further.",
        "Others expect the Velmar mill to close in May.",
        # A connective set off after the subject.
        "Other analysts, however, expect the Velmar mill to close.",
        "Many economists, though, doubt the economy will grow 3 pct.",
        "Grain exports, meanwhile, fell 9 pct in the same period.",
        # A report's follow-up.
        "As previously reported, the Velmar mill will close in May.",
        # The outlet a wire quotes, named before.
        "The radio, which did not name the envoy, said talks would resume in May.",
        "The paper said the Velmar mill would shut before the winter.",
        # A ship or an aircraft named before.
        "The vessel was bound for Lisbon with 30,000 tonnes of grain.",
        "The planes arrive in two batches from next spring.",
        "Minister Okafor later told reporters the border would stay shut.",
        # An unnamed speaker: which one was told before.
        "The rating agency said Nordvik's green notes keep their grade.",
        "The central bank said the measures take effect on Monday.",
        "The president said he opposed any cut in the farm budget.",
        "Soon after, the envoy left the capital for talks in the north.",
        # A time, then a bare pronoun as the subject.
        "Earlier it posted a loss of 4.1 mln dlrs for the first half.",
        "Last year it posted a small profit on lower freight rates.",
        "In December they sold the mill to a local cooperative.",
        # A time, then an unnamed "the company" as the subject.
        "Earlier the shipping company said its second-half freight volumes fell.",
        "Last month the Danish bank cut its forecast for the year.",
        "Earlier today the group announced a buyback of two mln shares.",
        # Wire copy's bare "Company" with no article.
        "Company is 60 pct owned by Nordvik Holdings.",
        "Company also booked a gain of 1.2 mln dlrs from a land sale.",
        # A bond or share issue told of before, as the subject.
        "The securities are convertible into Velmar common stock at 40 dlrs a share.",
        "The issue is guaranteed by the parent and trades in Zurich.",
        "The facility replaces two older credit lines of the mill.",
        "The figure compared with a deficit of 1.2 billion crowns a year earlier.",
        # The next topic of a speech told before.
        "Turning to the budget deficit, the minister said it would halve by 1990.",
        # "He" or "she" after an opening phrase that names no one.
        "Despite the new pardon decree, he could still be detained at the border.",
        "In her letter to the board, she asked for the vote to be postponed.",
        "On Friday, he resigned as chairman of the port authority.",
        "Apparently, she had not been told of the ruling.",
        # A bare "the company" after an opening phrase that names no one.
        "For the first half, the company said freight volumes rose 4 pct.",
        "Other proceeds will repay bank debt, the company said.",
        # An unnamed leader or a described actor after an opening phrase.
        "Amid the clashes, the opposition leader asked other nations for help.",
        "In a statement on its website, the central bank said the crown peg holds.",
        "A companion 50 mln dlr issue of ten-year notes was priced at par.",
        # A clause that opens on a word leaning back, or a connective with a curly quote.
        "While this may slow the harvest, the ministry still expects a record year.",
        "Although they denied it, the envoys met twice in Lisbon.",
        "What’s more, the port handles half of the country’s grain.",
        # A bare "the meeting", "the deal" … at the end: which one was told before.
        "Foreign ministry sources said the Velmar president would chair the meeting.",
        "Two Nordvik banks co-managed the deal.",
        # What follows from something told before, or a verdict on it.
        "The upshot is that cheaper oil should lift metal prices next year.",
        "The good news is that the Velmar plant can easily be expanded.",
        "The problem is that Nordvik banks demand full payment within 15 days.",
        "The result is in keeping with the fall seen since June, the institute said.",
        # "The vessel", "the company" … a few words in, no name before it to say which.
        "Attempts to refloat the vessel with six tugs have failed.",
        "Asked by the agency about oil prices, the minister said output would hold.",
        "Okafor said the company's results would beat last year's.",
        # "Also" after the subject adds to what was told before.
        "Nordvik also switches to summer time on Sunday.",
        "Velmar Savings Bank also said the debt moratorium cut its net income.",
        "Exports will also rise in the second half.",
        # More of a list told before.
        "Among other measures, the council cut the number of parties to two.",
        # A public body named in the opening phrase is who was told, not who "the group" is.
        "In a filing with the Velmar Securities and Exchange Commission, the group sold shares.",
        "In a letter to the Nordvik Justice Department, the company said it would appeal.",
        # A figure that names no one as whose it is.
        "Exports rose to 2.31 billion U.S. Dlrs from 2.05 billion in June.",
        "June revenue passenger miles rose to 512 mln from 498 mln a year before.",
        "The trade surplus grew to a record 9.2 billion dlrs in 1988.",
        "Unadjusted June unemployment totalled 1.44 mln people, up from 1.37 mln.",
        # A body's name that says what it does, not whose it is.
        "Retail sales rose by 0.3 pct in June, the statistics office said.",
        "Exports rose 2.1 pct last year, but the Finance Ministry had predicted 2.8 pct.",
        "Business investment is forecast to rise 4 pct a year this year and next.",
        "Private consumption rose 3.3 pct during 1988 against 1.9 pct in 1987.",
        # A part of a sum told before.
        "Of the total, 300 billion yen will be sold to banks in 27-day repurchase deals.",
        "Of the 12.6 mln dlr provision, 8 mln dlrs goes to general reserves.",
        "Of that amount, two billion dlrs is meant for shipyards.",
        "Of the 9 billion dlr frozen debt, 2.5 billion dlrs is the state's.",
        # Which state "the country" or "the nation" is, only the sentence before says.
        "The country's foreign debt is now 14.3 billion dlrs.",
        "The country accused Velmar of harbouring a wild dream.",
        "The nation's trade deficit widened to 13.6 billion dlrs in March.",
        # "Them" before anything it could stand for.
        "Senator Okafor entered them into the Velmar parliament's record last week.",
        "The Velmar party took them off its site, saying its members liked other posters.",
        "An early goal gave them a 3-1 win and a place in the quarter-finals.",
        # A pronoun with its verb contracted leans back as it does alone.
        "That’s been driving down emissions from electricity generation.",
        "It's the biggest fall in exports since 2009.",
        "They've asked the council for a temporary crossing.",
        "He'd resigned as chairman a week before the vote.",
        # An opening phrase pointing back with "this", "that", "these" or "those".
        "Despite this, the crown opened lower against the dollar.",
        "Under that plan, the state would pay half of the cost.",
        "Within this total, loans to households fell by 4.0 pct.",
        "In that letter, the director said the proposal broke two rules.",
        "Of those asked, 64 pct were keen to trade more.",
        "At that point, prices should begin easing.",
        "During that period, exports to Nordvik doubled.",
        # A description that does not say which one.
        "The bank said it gave the money market 310 mln crowns of help.",
        "The Bank said it would hold rates steady.",
        "The move by Velmar follows a long quarrel over its telephone network.",
        "The former Velmar TV presenter admitted the charges in court.",
        "The decision was welcomed by the ministers of both countries.",
        "This time, the central bank cut its rate by half a point.",
    ],
)
def test_sentences_that_lean_on_the_one_before(text: str) -> None:
    assert needs_context(text)


@pytest.mark.parametrize(
    "text",
    [
        "North Korea fired a ballistic missile over northern Japan on Tuesday.",
        '"North Korea\'s reckless action is a threat," Shinzo Abe said.',
        "Theresa May arrived in Tokyo on Wednesday.",
        # A name's possessive is no pronoun's contraction.
        "Thatcher's budget cut the basic rate of income tax.",
        "Italy's exports rose 4 pct in March.",
        "Shell's profit rose on higher oil prices.",
        "Heavy fighting broke out near the border overnight.",
        "The navy said two of its frigates had left port.",
        "Shares of its rival rose after Nordbank said most of its loans were sound.",
        "Nordbank said it would redeem, on June 1, all of its preferred shares at par.",
        "Later this month the ministers will meet again in Geneva.",
        "Soon after the minister signed the order, the border crossings reopened.",
        "In contrast to the ten-year notes, the five-year bond traded at a discount.",
        "Earlier on Monday the ministry said the talks would resume.",
        # "This" counting from the day itself.
        "At this point the Velmar talks are stalled, the minister said.",
        "In this year's budget, Velmar cut taxes on exports.",
        "By this Friday, Velmar will decide on the port deal.",
        "In this era of free capital, Velmar cannot control the crown.",
        "Last year the Velmar mill posted a small profit on lower freight rates.",
        "Earlier the Bank of Nordvik sold dollars to steady the crown.",
        "The issue of fishing rights will top the agenda of the summit in Lisbon.",
        "The figures released by the Velmar statistics office show exports rose 4 pct.",
        '"The issue is trust," the minister told the assembly in Lisbon.',
        "The concert resumed minutes later after the power came back.",
        "The Velmar statistics office later today releases its first harvest estimate.",
        "The Velmar central bank said the measures take effect on Monday.",
        "Exports rose 12 pct in March, the Velmar Finance Ministry said.",
        "Sales rose 12 pct in March at Commerce Bank, its largest unit.",
        "Business investment in Velmar is forecast to rise four pct this year.",
        "Retail sales rose by 0.3 pct in June, the statistics office of Velmar said.",
        "The president of the Velmar Republic said he opposed any cut in the farm budget.",
        "Copper fell over the week on signs of weaker demand from builders.",
        # The opening phrase names who "he" is, or the subject is not a person.
        "When Mayor Okafor reached the harbour, he ordered the ferries to stay in port.",
        "At all times, the convoy kept to the coast road.",
        "In 2003, the board approved the merger.",
        "In a letter to Velmar shareholders, the group said it holds 5 pct of the stock.",
        "If approved, the president of Nordvik, Ann Lee, will chair the merged group.",
        "Okafor, the former president of the port authority, ran for mayor in 1990.",
        # "While", "Although" … open a clause inside a whole sentence.
        "While grain exports fell 4% in March, shipments of fertiliser rose to a record.",
        "Although the court lifted the ban, the ministry said the border would stay shut.",
        "Whereas the old treaty capped tariffs at 10%, the new one removes them.",
        "Leaders of the Kessel states will hold the summit of the decade in Lisbon.",
        "Farmers want to watch the grain markets on the move.",
        # "The talks between …", "The strike by …" say which; "The strike price" is a price.
        "The talks between Velmar and Nordvik resumed in Lisbon on Monday.",
        "The strike by Velmar dockers entered its third day.",
        "The strike price of the Nordvik warrants is 40 crowns.",
        # A name before "the company" says which; "the group of Seven" is whose.
        "Shares of Velmar rose after the company said it would cut 300 jobs.",
        "Finance ministers of the group of Seven met in Lisbon on Monday.",
        # "Also known as" is a name; "also" inside a clause or after "but" is its own.
        "The Velmar Ridge also known as the Kessel plateau was shelled overnight.",
        "Okafor said that fuel prices also rose sharply in March.",
        "Not only exports but also imports reached a record in May.",
        # A figure whose owner the sentence names, or no figure at all.
        "Exports rose 12 pct in March, the Velmar trade ministry said.",
        "Nordvik exports rose to 4.07 billion dlrs from 3.85 billion in February.",
        "Exports rose 3 pct in May from 2.9 pct in April after the Kessel strike.",
        "Exports rose sharply as the currency fell.",
        # A part of a sum the sentence names, or of a group that is no sum.
        "Of the advanced economies, Velmar is the biggest winner from cheap oil.",
        "Of the five plants envisioned by Velmar Power, two remain under construction.",
        "Of the 50 mln Kessel cars built since 1948, nearly nine mln have been vans.",
        "Of course the Velmar mill will stay open until May.",
        # "In this context" with no comma inside a phrase; a view of what it names.
        "In this context-free grammar every rule has one symbol on its left.",
        "Some analysts see the Velmar crown falling 5 pct against the dollar by May.",
        "Analysts are calling the Velmar budget the most generous in a decade.",
        # A result or a question the sentence itself names.
        "The result of the Velmar election is expected on Monday.",
        "The question of Kessel's status was raised at the summit in Lisbon.",
        # "Country" and "nation" as part of another word or name.
        "The countryside around Velmar was flooded overnight.",
        "The nationalist party won 40 seats in the Nordvik election.",
        "The country music awards were held in Kessel on Monday.",
        # "Them" after what it stands for.
        "The Velmar ministers said the court had cleared them of all charges.",
        "Okafor and Lee said the ruling would help them both.",
        "Police in Kessel said the strikers had been told to leave; most of them left.",
        # A description that says itself which one: a name, a name after it, an act
        # with its aim or its author, a former office of something named; the day's own
        # "this"; a company named before "company officials said".
        "The Bank of Velmar said it gave the money market 310 mln crowns of help.",
        "The Group of Seven industrial nations will meet in Nordvik next week.",
        "The official Velmar news agency said the border would reopen on Monday.",
        "The decision by Ann Berg not to serve a third term is a shock for the markets.",
        "The move by Velmar to test the accord has unsettled the currency markets.",
        "The statement by the Nordvik high command said the assault had ended.",
        "The former chairman of Velmar National Bank pleaded guilty to bribery.",
        "This week's Velmar central bank intervention held the krona above 9.50.",
        "Velmar Airways plans to expand its fleet to 58 aircraft, company officials said.",
    ],
)
def test_self_contained_sentences(text: str) -> None:
    assert not needs_context(text)


@pytest.mark.parametrize(
    "text",
    [
        "Read more about the summit on our live blog today.",
        "Sign up for our daily newsletter to get the news first.",
        "Photograph: Kim Kyung-Hoon/Reuters via the agency pool.",
        "Reporting by Jane Smith; Editing by John Doe.",
        "Too short.",
        "The minister said the talks were going well and",
        "BREAKING NEWS: MARKETS FALL ACROSS ASIA ON TRADE FEARS.",
        '"We think it is regrettable that some countries selectively overlook it.',
        "Company Launches New Search Service For Faster Answers Online Today REDMOND, "
        "Wash. -- The company today released a new version of its search service.",
        "Today's programme: stream it in [RealAudio] or save the [mp3] to your player.",
        "Listen to the show with our presenters every weekday morning from seven.",
        "Subscribers can read the rest of this article after a short advertisement.",
        # A title-case headline run straight into the story's first sentence.
        "Minister Flown Home From Summit After Row Over Tariffs A senior minister who "
        "walked out of the talks returned on Sunday.",
        # Title case to the end: two headlines of a rundown run together, a signature.
        "A Debate on the Future of Farming Is Velmar the Next Nordvik of 2004?",
        "Dr. Anna K. Berg, Secretary of the Velmar Navy.",
        # Addressed to someone: a letter, an e-mail, a transcript's question, a how-to.
        "As you know, the ministry will finish its review of the frigate order soon.",
        "Subsequent to the vote you wrote to the committee and it changed its view.",
        "If you typed the page address by hand, check that it is spelled correctly.",
        # Two sentences run together where the page lost the space between them.
        "The ministers met to cut the farm budget.The farmers say the cuts go too far.",
        'The panel advises the Secretary of Defense."Reports of the study spread fast.',
        # "We" with no one saying it: a feed's teaser, a column, a quotation run on.
        "We spent a week with the border patrol to see how the new fence is working.",
        "We have expelled the councillor from the group and withdrawn her nomination.",
        # The terms of a bond issue, after the news of it.
        "The green notes are sold in denominations of 500 crowns each.",
        "The settlement date for the green notes will be 3 June.",
        "Dealers keep a selling concession of two points on every note they place.",
        "Nordvik Securities Ltd is other joint book runner, with Velmar Bank.",
        "Fees total 2 pct, split between the three managing banks.",
        "The credit runs 20 years, with five years of grace, at a floating interest rate.",
        "Fiscal 1986 net reduced by a charge of four cts a share in the third quarter.",
        "Note - World exports may not balance, since marketing years differ.",
        # News that there is no news.
        "Velmar Mills officials were unavailable for comment on Sunday.",
        "Okafor could not be reached for comment after the Lisbon vote.",
        "Details of the green notes deal were not disclosed.",
        "Velmar Mills officials declined to comment on the report.",
        "A Nordbank spokesman said the bank had no immediate comment on the rumours.",
        # News that someone will speak later, and not of what.
        "Velmar Air will hold a news conference at 0900 local time, a spokesman said.",
        "The palace said the king would make an announcement at noon but gave no topic.",
        "Prime Minister Ann Lee will meet the press very soon, her office said.",
        "The Velmar finance minister is expected to hold a news conference on Monday.",
        # A site's note on itself, on every one of its pages.
        "This site is optimized for viewing with Nordvik Browser, version 4.0 or above.",
        "News / Sport / Cartoons Advertise in velmartimes.example.",
        # A contact line: an e-mail address to write to.
        "Okafor can be reached via e-mail at okafor@velmarpost.example.",
        "To unsubscribe, send a blank email message to news-remove@lists.nordvik.org.",
        "Please contact +1 650 930 3555 or send email to press@velmar-air.com.",
        # A page's breadcrumb trail.
        "The Velmar Post > Harbour News > Ferry Strike Ends!",
        "Home » World » Nordvik » Ministers agree to reopen the border crossing.",
        # A page's layout run into its text: a rule line, asterisk bullets, a team
        # sheet, a forwarded e-mail's header.
        "BOX OFFICE ---------- Velmar Nights tops the weekend list again.",
        "Now showing * Velmar Nights * Harbour Lights * Okafor's Return.",
        "Nordvik 1 Ann Lee, 2 Tom Roe (capt), 3 Kim Oyelaran, 4 Lars Berg, 5 Eva Lind.",
        "From: Ann Berg To: Tom Roe Sent: June 4, 2011 Subject: (Frigate lease) Regards, Tom.",
        "Velmar Area: 17,000 sq km Population: 3 million Capital: Port Velmar Currency: krona.",
        "Stage Number : 0. 2 x Kessel KR-68 Gross Mass : 226,400 kg.",
        # No word in lower case but "of", "the": a heading, a line-up.
        "Parliamentary Record: 19 November 2004 (Upper House) Page S115 Inquiry Into "
        "Frigate Leasing Mr. OKAFOR.",
        "Lee, Roe, Berg (Lind 74), Oyelaran, Okafor (Nordvik 81), Velmar.",
        # A table's row: figures and empty cells ("na", "nil", "x") with a few labels.
        "Wheat exports 12.5 na 14.1 nil 13.0 x 9.8 tonnes in total.",
    ],
)
def test_page_furniture_and_fragments(text: str) -> None:
    assert not reads_alone(text)


@pytest.mark.parametrize(
    "text",
    [
        "Subscribe Now.",
        "Sign up here to get an e-mail whenever the cartoons are published.",
        "To subscribe to the Velmar Digest, send a message with the word subscribe.",
        "Find out more about the Velmar Post archive and how to subscribe.",
        "I am already a personal subscriber to the Velmar Review.",
        "This article is available in full (approx. 700 words) to Velmar Post subscribers.",
        "Otherwise choose an option below: 50p for 24 hours' access to this article.",
        "Just watch a brief advertisement to read the Velmar Post free today.",
        "About us / Contact us / Advertising / Subscribe",
        "Share this article",
        "Share on Facebook",
        "Email this story to a friend",
        "(Additional reporting by Ann Berg)",
        "Reporting by Ann Berg; Editing by Tom Roe",
    ],
)
def test_prompts_to_the_reader_are_page_furniture(text: str) -> None:
    from briefgen.nlp.quality import furniture

    assert furniture(text)


@pytest.mark.parametrize(
    "text",
    [
        # A prompt's words in the news: a wire's earnings, bond and tender reports, a
        # network's subscribers, a trade newsletter quoted.
        "Velmar Cable said it agreed to buy a network serving about 4,600 subscribers.",
        "Nordvik Mills earned 41 cts per share on sales of 88 mln dlrs in the year.",
        "He sees Nordvik Mills earning nine dlrs a share this year, up from six.",
        "Each warrant gives the right to subscribe to one Velmar share at 140 francs.",
        "The loan was fully subscribed, the lead manager said on Tuesday.",
        "In a newspaper advertisement, Kessel Corp said its tender offer expires April 9.",
        "Palm oil output is likely to drop this year, the Hamburg-based newsletter said.",
        "Banks that sign up for the Velmar loan by May will get a fee.",
        "Regulators want more reporting by banks of their trades, the minister said.",
        '"I don\'t subscribe to the views of my colleagues," the minister said.',
    ],
)
def test_a_prompts_words_in_the_news_are_no_furniture(text: str) -> None:
    from briefgen.nlp.quality import furniture

    assert not furniture(text)
    assert reads_alone(text)


@pytest.mark.parametrize(
    "text",
    [
        # Headlines run into the story: capitalised to the eighth word, or with a small
        # word capitalised.
        "New Velmar Tools Give Readers More Say Velmar designed Velmar Search Pro "
        "to outdo the other engines.",
        "New Kessel Engine Gears Up Speed and Layout of Kessel Search Results The "
        "engine behind Kessel Search is a new one.",
    ],
)
def test_a_headline_run_into_its_story_does_not_read_alone(text: str) -> None:
    assert not reads_alone(text)


@pytest.mark.parametrize(
    "text",
    [
        "Velmar Electric Industrial Co Ltd <VEL.T>, Nordvik Motor Corp <NMC.T> and "
        "Kessel Motor Co <K> have signed an agreement to make car parts.",
        "The Velmar Federation of Harbour Pilots said U.S. District Judge Ann K. Berg "
        "entered an order against the port authority on Monday.",
        "The New Nordvik Stock Exchange said Santa Fe Southern Velmar Corp has not yet "
        "answered its questions about trading in the stock.",
        # An apostrophe typed as a double mark, as some wire copy has it.
        'Kessel"s oil minister said a special meeting of producers was not planned.',
        "Velmar Telecom won orders for \"intelligent' payphones from seven countries.",
        # A party's "(I)", a ticker's "WE", a do-it-yourself chain: no pronoun.
        "Prime Minister Ann Berg's Congress (I) party lost the Velmar state vote.",
        "Velmar Challenge Ltd <VCL.WE> set a price of 5.89 dlrs a share for holders.",
        "Kessel made an offer for the DIY (do-it-yourself) chain Velmar Plc, it said.",
    ],
)
def test_a_wire_lead_crowded_with_names_reads_alone(text: str) -> None:
    assert reads_alone(text)


@pytest.mark.parametrize(
    "text",
    [
        "Britain and Japan said on Thursday they would co-operate in countering it.",
        "Brazil's President Luiz Inácio Lula da Silva said the talks would go on.",
        "United Nations Secretary General Kofi Annan met European Union foreign ministers.",
        "Foreign Minister Ann Lee and President Tom Roe signed The accord on Monday.",
        '"You cannot negotiate with a gun to your head," the foreign minister told the envoy.',
        "Under the plan we might move the trading floor to the old exchange, the chairman said.",
        "The bank sold its stake in Nordvik AB <NORV.St> to a fund run by SciDev.Net staff.",
        "Nordbank plans to sell 2 billion crowns of green bonds maturing in 2030, it said.",
        "The ministry said fees for visas would rise by a third from April.",
        # More than "no comment".
        "Velmar Mills said it will file for protection if an agreement cannot be reached.",
        "Mill officials were unavailable for comment, but a union leader said the strike ended.",
        "Nordbank declined to comment on the bid, which dealers said had lifted its shares.",
        "Okafor, who declined to comment, is expected to resign from the board on Monday.",
        # A news conference and what it is about.
        "Velmar Air will hold a news conference on Monday about its Nordvik route.",
        "Ann Lee will address the nation tonight on the Kessel report.",
        "Okafor declined comment on reports of a merger but said Velmar would make a statement.",
        # Figures in a sentence, and "na"/"nil" as names, are no table.
        "The ministers met on 12 May and agreed to cut the 2023 budget by 4.5 percent.",
        "Velmar rose 12.5, Nordvik 14.1, Ostra Na and Lenby Nil gained on the day.",
        # Numbers before names, a dash: no layout.
        "Ministers of 12 European states, 3 Nordic states and 2 Baltic states met in Velmar.",
        "The hosts led 3-1 at half time -- a lead they kept to the end.",
        'The minister told the committee: "Our aim is clear: the port must reopen."',
        "Cable firms win on price: they bundle services (see Report: Phones and Report: TV).",
        # One ">" is no trail.
        "Okafor said demand > supply for the first time since the 2019 harvest.",
        # A company that will advertise is news, not the site's note.
        "Velmar Air will advertise in newspapers across Nordvik for the first time.",
        # A grace period granted to people is news, not a loan's terms.
        "Velmar granted migrants a grace period of six months to register with the police.",
    ],
)
def test_real_sentences_read_alone(text: str) -> None:
    assert reads_alone(text)


def test_the_run_into_a_word_of_the_article_is_glued_text() -> None:
    body = (
        "The ministry reported on Monday that the talks had failed.",
        "Thereported last week that the envoy had left the capital.",
    )
    article = _example("Talks fail", *body, published=datetime(2017, 8, 31, tzinfo=UTC))
    assert glued_words(body[1], article)
    assert not glued_words(body[0], article)
    # Real words that begin "The" are left alone.
    assert not glued_words("Therefore the talks resumed, and Theresa Lee spoke.", article)


@pytest.mark.parametrize(
    ("before", "text", "leans"),
    [
        ("A patrol boat shadowed the tanker.", "The boat was seen off the cape.", True),
        ("Parliament passed a bill on ports.", "The bill now goes to the senate.", True),
        ("Parliament passed a bill on ports.", "The senate meets on Monday.", False),
        ("The boat left port.", "The boat was seen off the cape.", False),
    ],
)
def test_a_thing_the_sentence_before_introduced(before: str, text: str, leans: bool) -> None:
    from briefgen.nlp.quality import refers_back

    assert refers_back(text, before) is leans


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("The vouchers carry no transfer tax of any kind.", False),
        ("Profit per share fell to 61 cents from 64 cents in the quarter.", False),
        ("Payment date for the notes is April 2.", False),
        ("Nordbank said profit per share fell to 61 cents.", True),
        ("Exports to Velmar rose by a third in March.", True),
        ("Shares rose after the results, analysts said.", False),
        # A hyphenated opener of common words names nothing; of names, it does.
        ("Non-profit groups sold the vouchers on Monday.", False),
        ("Velmar-Nordbank profit fell by a third.", True),
        ("The January-March surplus of the vouchers fund was 5 mln dlrs.", False),
        # An opening function word is no name, though the article never writes it in
        # lower case.
        ("Some dealers said it is still too soon to price in a cut in rates.", False),
        ("One big bank said it bought 7 mln dlrs on behalf of the central bank.", False),
        ("An official newspaper said output would be only 4.82 mln tonnes.", False),
    ],
)
def test_a_sentence_that_names_no_one_and_nothing(text: str, names: bool) -> None:
    from briefgen.nlp.quality import names_nothing

    article_text = (
        "Nordbank said profit fell. The vouchers were sold on Monday. Profit per share "
        "and the payment date were set; shares rose and exports grew."
    )
    assert names_nothing(text, article_text) is not names


def test_a_point_that_names_nothing_carries_the_sentence_that_does() -> None:
    from briefgen.classify import load_taxonomy
    from briefgen.compose import _candidate

    body = (
        "Nordbank issued 100 million dollars of five-year notes through its Velmar unit. "
        "The notes can be bought in lots of 10,000 euros by any investor."
    )
    article = _example(
        "Nordbank unit issues notes",
        body,
        "The fees total one and a half percent of the notes sold.",
    )
    sentences = split_article(article)
    taxonomy = load_taxonomy()
    with_context = _candidate(sentences, 1, article, taxonomy)
    assert with_context is not None
    assert with_context.context == sentences[0].text
    # The first paragraph's lead names the issuer; the second's lone sentence names
    # nothing and has no sentence before it in its paragraph.
    assert _candidate(sentences, 0, article, taxonomy) is not None
    assert _candidate(sentences, 2, article, taxonomy) is None


@pytest.mark.parametrize(
    ("text", "refers"),
    [
        ("The talks, which began in Lisbon on Monday, broke down over fishing quotas.", True),
        ("The strike began at dawn and shut the three Velmar ports.", True),
        ("The measures are due to take effect in May.", True),
        ("The talks between Velmar and Nordvik resumed in Lisbon on Monday.", False),
        ("The strike by Velmar dockers entered its third day.", False),
        ("The strike price of the Nordvik warrants is 40 crowns.", False),
        # A concession about a bare event, in the opening clause.
        ("Though some have praised the plan, it has been widely rejected in Velmar.", True),
        ("While the talks stalled, the Velmar ministers flew home.", True),
        ("While the talks between Velmar and Nordvik stalled, the ministers flew home.", False),
        ("Although the Velmar plan was rejected, the talks went on.", False),
        # A meeting, a summit, a visit; a day does not say which one.
        ('The talks on Sunday might be "little more than a handshake," said Okafor.', True),
        ("The summit ended with a joint statement on fishing rights.", True),
        ("The talks on Monday ended without a deal.", True),
        ("The meeting of Velmar and Nordvik ministers ended without a deal.", False),
        ("The visit by Okafor to Lisbon was cancelled.", False),
        # Someone reporting on a bare "the strike", "the offer", "the proposals": the
        # ones told before. Reported with what says which, it stands alone.
        ("Velmar dockers said the strike would go on.", True),
        ("Velmar Resorts said the offer will lapse at 1600 EST on June 14.", True),
        (
            "State Department spokesman Jon Okafor told reporters the proposals were made "
            "to Nordvik at the talks today.",
            True,
        ),
        ("Okafor said on Monday that the deal, worth 40 mln crowns, was signed.", True),
        ("Okafor said the talks between Velmar and Nordvik would resume.", False),
        (
            "Okafor said the agreement among the rich countries reached in Velmar "
            "should foster stability.",
            False,
        ),
        ("Okafor said the agreement reached in Paris should foster stability.", False),
        ("Okafor said the strike price of the warrants was 40 crowns.", False),
        # An offer, a plan, a budget told before; "The offer price", "The plan of …" say
        # which.
        ("The offer expires on 9 April unless it is extended.", True),
        ("The budget represents a six pct rise, well above what the alliance asks.", True),
        ("The proposal would allow the navy to lease ten frigates.", True),
        ("The proposals will be voted on at the annual meeting.", True),
        ("The offer price of the Velmar shares is 40 crowns.", False),
        ("The plan of the Velmar government was approved on Monday.", False),
        # A time told against the one told before; "after the talks in …" says which.
        ("Following the accord, the Velmar minister asked Nordvik to cut its exports.", True),
        ("Minutes after the explosion Velmar soldiers sealed off the port.", True),
        ("Since the offer was made, a dozen shareholders have sued Okafor Holdings.", True),
        ("After the talks in Lisbon, the Velmar minister flew home.", False),
        ("After the strike by Velmar dockers, exports to Nordvik fell 9 pct.", False),
        ("Following the Velmar election, the currency rose 2 pct.", False),
        # Someone acting on a bare "the offer", "the proposal": the one told before; "the
        # accord on …", "the plan to …" say which.
        ("Velmar Air rejected the offer and asked the ministry to dismiss the bid.", True),
        ("The two boards have backed the deal, but regulators must approve it.", True),
        ("Representatives of Kessel growers have rejected the proposal, saying it hurts.", True),
        ("The Nordvik board approved the plan on Monday.", True),
        ("The Velmar parties signed the pledge at a special meeting in Lisbon.", True),
        ("Velmar and Nordvik signed the accord on fishing rights on Monday.", False),
        ("The Nordvik board approved the plan to sell the Arvand unit.", False),
        ("The board approved the offer for Velmar Resorts by Okafor Holdings.", False),
        (
            "Okafor said Velmar expressed interest in an offer for the unit, but its board "
            "rejected the offer.",
            False,
        ),
        # Where or when someone said what the sentence before told; "… the announcement
        # that …", "… his call for …" say what.
        ("Okafor made his remarks during talks with the Nordvik president.", True),
        ("Finance Secretary Anna Kessel made the announcement to parliament.", True),
        ("Velmar Corp made the offer directly to shareholders in an advertisement.", True),
        ("Velmar Corp made the announcement that it would close the Arvand plant.", False),
        ("The minister made his call for talks after the vote in Arvand.", False),
        ("Okafor made a statement to parliament on Monday.", False),
    ],
)
def test_a_bare_the_talks_or_the_strike(text: str, refers: bool) -> None:
    assert event_reference(text) is refers


@pytest.mark.parametrize(
    ("text", "leans"),
    [
        ("The measure comes after the worst shooting in Velmar's history.", True),
        ("The troops deserted to Nordvik, according to its border authorities.", True),
        ("The singer's lawyer said he denies the charges.", True),
        ("The herbicide, used widely on crops, can harm unborn children.", True),
        ("The emergency order bars Velmar airlines from flying over the strait.", True),
        # Words that say which one, or a name.
        ("The head of the Velmar refugee agency sees a rising trend.", False),
        ("The attack on Arvand has led some in Nordvik to call for more troops.", False),
        ("The woman who complained about Okafor has lost her appeal.", False),
        ("The wrestler Anna Kessel was disqualified from the final.", False),
        ("The North Korean leader left for Hanoi by train.", False),
        ("Velmar troops deserted to Nordvik on Saturday.", False),
        ("The troops left.", False),
    ],
)
def test_a_first_line_on_what_its_headline_named(text: str, leans: bool) -> None:
    assert bare_definite_opening(text) is leans


@pytest.mark.parametrize(
    ("text", "leans"),
    [
        ("Velmar's guard claims the drone was flying over its coast.", True),
        ("Arvand said the drones had crossed the border twice.", True),
        # Saying which one, no subject, a time, or a thing the headline does not name.
        ("Velmar's guard claims the drone of the Arvand navy was flying low.", False),
        ("Velmar's guard said the drone strike had killed no one.", False),
        ("Velmar Air said the first quarter was its best in years.", False),
        ("Velmar's guard said the week was quiet on the coast.", False),
        ("Velmar's guard claims the aircraft was flying over its coast.", False),
    ],
)
def test_a_first_line_on_a_thing_its_headline_named(text: str, leans: bool) -> None:
    headline = "Velmar shoots down Arvand 'spy' drone in first week"
    assert names_headline_thing(text, headline) is leans


def test_the_strike_after_the_headline_or_after_its_sentence() -> None:
    from briefgen.classify import load_taxonomy
    from briefgen.compose import _candidate

    article = _example(
        "Dockers strike at three Velmar ports",
        "The strike began at dawn and shut the three Velmar ports.",
        "Dockers want a 9 pct rise in pay. The strike costs Velmar 4 mln crowns a day.",
        "Talks resume on Monday.",
        "The strike has halted grain exports to Nordvik.",
    )
    sentences = split_article(article)
    taxonomy = load_taxonomy()
    # The lead follows the headline, which names the strike.
    lead = _candidate(sentences, 0, article, taxonomy)
    assert lead is not None and lead.context is None
    # Later, the sentence before tells which strike, and comes with the point.
    later = _candidate(sentences, 2, article, taxonomy)
    assert later is not None and later.context == sentences[1].text
    # With no sentence before it in its paragraph, it is no point.
    assert _candidate(sentences, 4, article, taxonomy) is None


@pytest.mark.parametrize(
    ("text", "generic"),
    [
        ("Velmar has long denied that it has a Nordvik minority.", True),
        ("Former officers are often hired by contractors to lobby for contracts.", True),
        ("Many Velmarese still resent the occupation of the north.", True),
        ("June is usually a tight month for the Velmar money market.", True),
        ("It is generally agreed that equity is the bulwark of bank capital.", True),
        ("Velmar banks have long wanted to buy up insurers.", True),
        # News after all: reported, dated, looking ahead, or how things stand now.
        ("Velmar has long denied it, the minister said on Monday.", False),
        ("Velmar has long denied it, but on Tuesday it named a commission.", False),
        ("Okafor is widely expected to unveil new measures.", False),
        ("Conditions are generally good in the north of Velmar.", False),
        # The adverb inside a clause, not the sentence's own verb.
        ("Velmar sales in what is traditionally a busy month for shops rose by 0.4 pct.", False),
        ("Although prices have long since come down, no quota was agreed.", False),
        ("The Velmar army shelled the town on the border.", False),
    ],
)
def test_a_habit_or_a_standing_fact_is_no_news(text: str, generic: bool) -> None:
    assert generic_statement(text) is generic


@pytest.mark.parametrize(
    ("text", "news"),
    [
        ("Velmar Steel said on Monday it would close its Nordvik mill.", True),
        # Who tells it, in the present or as a source.
        (
            "Rebels tried to blow up a pylon in what Nordvik diplomats say was their "
            "first attack in the capital.",
            True,
        ),
        ("Velmar's exports fell 9 pct in March, according to customs figures.", True),
        # Neither who nor when: a first line that may be a caption or a history.
        ("Velmar industry is growing faster than expected.", False),
        ("Work on the Velmar class of frigates started in the late 1950s.", False),
    ],
)
def test_a_lead_that_reads_as_the_news(text: str, news: bool) -> None:
    assert reads_as_news(text) is news


@pytest.mark.parametrize(
    ("text", "dated"),
    [
        ("Troops crossed into the Ostrava region on Tuesday, officials said.", True),
        ("Velmar recalled its ambassador from Arvand today.", True),
        ("Nordvik's central bank cut its main rate last week.", True),
        # Who said it, but not when it happened.
        ("Lunmark's president says his army knows how to surprise.", False),
        ("The push has made hardliners in Lunmark demand a wider offensive.", False),
    ],
)
def test_a_line_that_dates_its_event(text: str, dated: bool) -> None:
    assert dates_its_event(text) is dated


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("Will this now change, asks Anna Kessel?", True),
        ("But where will the competition come from?", True),
        ('Okafor asked: "Why now?"', False),
        ("The minister asked why the talks had failed.", False),
    ],
)
def test_a_question_to_the_reader(text: str, question: bool) -> None:
    assert asks(text) is question


def _left_out(article: Article) -> list[bool]:
    """For each sentence of ``article``, whether it is no candidate point."""
    from briefgen.classify import load_taxonomy
    from briefgen.compose import _candidate

    sentences = split_article(article)
    taxonomy = load_taxonomy()
    return [_candidate(sentences, i, article, taxonomy) is None for i in range(len(sentences))]


def test_a_standing_fact_or_a_question_is_no_candidate() -> None:
    article = _example(
        "Velmar's hidden minority",
        "Velmar has long denied that it has a Nordvik minority. "
        "Will this now change, asks Anna Kessel? "
        "Velmar's parliament voted on Monday to recognise the Nordvik minority.",
    )
    assert _left_out(article) == [True, True, False]


def test_a_heading_run_into_a_sentence_or_a_pointer_at_the_page_is_no_candidate() -> None:
    article = _example(
        "Travel notices",
        "Current Travel Notices The Velmar Foreign Ministry issues notices about risks "
        "to travellers in other countries. "
        "The current notices are listed below. "
        "The Velmar Foreign Ministry warned on Monday against travel to the Nordvik "
        "border region after two days of shelling.",
    )
    assert _left_out(article) == [True, True, False]


@pytest.mark.parametrize(
    "text",
    [
        # Headlines written with a capital on every word are not headings run into text.
        "Proposed Offerings Recently Filed With The Sec",
        "Velmar Aero To Cut A Fifth Of Its Workforce",
        # Prices below a mark, a vote below expectations: not the page.
        "Velmar crude fell below 50 dlrs a barrel, the lowest in a year.",
        "Growth came in below forecasts, the statistics office said on Monday.",
    ],
)
def test_headlines_and_below_in_the_news_are_not_page_furniture(text: str) -> None:
    from briefgen.nlp.quality import glued_heading, points_to_page

    assert not glued_heading(text)
    assert not points_to_page(text)


@pytest.mark.parametrize(
    ("text", "told_before"),
    [
        ("Velmar had already suspended payments to foreign banks in January.", True),
        ("In June Nordair had offered 64 dlrs a share in cash.", True),
        ("By then the rebels had withdrawn from the town.", True),
        # A subject with its description between commas.
        (
            "Velmar's exports, long the engine of its economy, had fallen for a third "
            "quarter in a row.",
            True,
        ),
        ("The commission, headed by Jon Okafor, had proposed an 8.4 billion dlr plan.", True),
        ("Okafor, the minister, said the mill had been sold.", False),
        ("The mill, which had sales of 4 mln dlrs, closed on Monday.", False),
        ("Velmar, Nordvik and Kessel grew fast, but exports, once strong, had fallen.", False),
        # Reported speech keeps the news in the past perfect.
        ("Okafor said the bank had sold its stake in the mill.", False),
        ("Fires in the north had flared again, the agency reported.", False),
        # "Had" as the verb, not as a tense.
        ("The mill had sales of 4 mln dlrs last year.", False),
    ],
)
def test_background_in_the_past_perfect(text: str, told_before: bool) -> None:
    assert background(text) is told_before


@pytest.mark.parametrize(
    ("text", "opened", "after"),
    [
        ('He said: "We will rebuild.', "", '"'),
        ("Every house will stand again.", '"', '"'),
        ('Every house will stand again," he said.', '"', ""),
        ('Trade will follow, " she said.', '"', ""),  # a stray space before the close
        ('The minister called it "a disgrace" on Monday.', "", ""),
        # A stray closing mark outside any quotation changes nothing.
        ('He called it "a recruiting sergeant" for smugglers".', "", ""),
        ('Verizon will pay an ""unfair and grossly inadequate" sum.', "", ""),
        # Wire copy closes a double mark with a single one.
        ("Orders for \"intelligent' payphones rose.", "", ""),
        ("„Wir bauen wieder auf.", "", "„"),
        ("Jedes Haus wird wieder stehen“, sagte er.", "„", ""),
        ("“We will rebuild.", "", "“"),
        ("Every house will stand.”", "“", ""),
        ("«Ricostruiremo tutto.", "", "«"),
    ],
)
def test_a_quotation_left_open_at_the_end_of_a_sentence(text: str, opened: str, after: str) -> None:
    assert quotation_after(text, opened) == after


def test_a_sentence_that_opens_with_a_quotation_mark() -> None:
    assert opens_quotation('"We will rebuild," she said.')
    assert opens_quotation("“We will rebuild.")
    assert not opens_quotation('She said: "We will rebuild."')
    assert not opens_quotation('" ')


@pytest.mark.parametrize(
    ("text", "leans"),
    [
        ("Velmar Air and Kessel are among the airlines steering clear of the area.", True),
        ("Flights over the region were cancelled as tensions rose.", True),
        ("Nordvik closed the border on Sunday.", True),
        # Words after it that say which place.
        ("Troops sealed off the area around Ostrava.", False),
        ("The region's capital was shelled overnight.", False),
        ("Nordvik closed the border with Arvand on Sunday.", False),
        ("Ships avoided the Strait of Arvand.", False),
        # A place named before it is the area.
        ("Velmar, seeking oil in the Arvand Sea, said it may drill anywhere in the area.", False),
        ("Velmar Air cut its flights to Nordvik.", False),
    ],
)
def test_a_first_line_on_a_place_it_does_not_name(text: str, leans: bool) -> None:
    assert bare_place(text) is leans


@pytest.mark.parametrize(
    ("text", "year", "history"),
    [
        ("In 1917, Velmar analysts deciphered a coded message.", 2023, True),
        ("Back in March 1998, Nordvik signed the border treaty.", 2004, True),
        ("In the 1960s, the port of Arvand grew tenfold.", 2023, True),
        ("Four years ago, almost to the day, Velmar celebrated its revolution.", 2023, True),
        ("A decade ago, Nordvik had no navy.", 2023, True),
        ("In 1984/85, Velmar supplied 41 pct of the grain.", 1987, True),
        # The news's own time, or a year ago, or no opening year at all.
        ("In 2022, Velmar's exports rose 5 pct.", 2023, False),
        ("In 1985/86 Velmar Steel's profit fell to 370 mln marks.", 1987, False),
        ("In the 2020s, Nordvik will double its output.", 2023, False),
        ("A year ago, sales were higher.", 2023, False),
        ("By 2030, emissions must fall by half.", 2023, False),
        ("By 1228 gmt Velmar shares were quoted at 418p.", 1987, False),
        ("Velmar's exports fell in 1985, the ministry said.", 1987, False),
    ],
)
def test_a_sentence_that_opens_long_before_the_news_is_history(
    text: str, year: int, history: bool
) -> None:
    assert long_past(text, year) is history


@pytest.mark.parametrize(
    ("text", "goes_on"),
    [
        ("When it became public, the telegram caused a sensation in Nordvik.", True),
        # Its own time, its teller, or how things stand: the news again.
        ("Today the company employs 30 people in the state.", False),
        ("Now the three provinces hold four million people.", False),
        ("Nordvik said on Monday it would publish the rest.", False),
        ("The planes will be the first of their kind.", False),
        ("Velmar's exports rose 5 pct in 2023.", False),
    ],
)
def test_a_sentence_going_on_with_a_history_is_history(text: str, goes_on: bool) -> None:
    before = ["In 1917, Velmar analysts deciphered a coded message."]
    assert continues_long_past(before, text, 2023) is goes_on
    assert not continues_long_past(["Velmar analysts deciphered a message."], text, 2023)


def test_a_history_told_before_the_news_is_no_candidate() -> None:
    # A column's two lines of history under a headline about this week's leaks: neither
    # is the day's news; the paragraph after it is.
    article = _example(
        "Top secrets come spilling out",
        "In 1917, Velmar analysts deciphered a coded message the Nordvik foreign minister "
        "sent to his envoy. When it became public, the telegram caused a sensation, "
        "helping propel Velmar into the war.",
        "Velmar's defence ministry said on Monday that leaked documents on its missile "
        "stocks were genuine.",
    )
    assert _left_out(article) == [True, True, False]
