"""Test corpora for the word matcher, written for these tests: innocent local-news sentences, a
list of common English profanities, and seeded disguises of those words.

Used by ``tests/unit/moderation/test_corpus.py`` (no sentence may ever match, every disguise
should) and by ``benchmarks/moderation_matcher.py`` (false-positive and catch rates).
Words that are also ordinary English in local news (``cock``, ``dick``, ``prick``, ``tits``,
``knob``) are left out of the list on purpose: whole-word matching cannot tell a blue tit
from an insult, and a newsroom that lists them accepts that.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Final

__all__ = ["DISGUISES", "INNOCENT", "PROFANITIES", "disguised_comments"]

PROFANITIES: Final = (
    "fuck", "fucking", "motherfucker", "shit", "bullshit", "shitty", "cunt", "bitch",
    "bastard", "twat", "wanker", "tosser", "bellend", "arsehole", "asshole", "arse", "ass",
    "bollocks", "dickhead", "piss", "slut", "whore", "crap", "damn", "bloody hell",
)  # fmt: skip

INNOCENT: Final = (
    "The council will vote on the new cycle lane plan next Tuesday evening.",
    "Residents of Scunthorpe packed the town hall to hear about the bypass.",
    "A therapist from the health centre spoke about waiting lists for young people.",
    "The cocktail bar on Market Street has been granted a late licence.",
    "Sussex Police said the road would stay closed until the afternoon.",
    "The classic car rally drew hundreds of visitors to the seafront.",
    "Grape growers near Lewes expect an early harvest this year.",
    "An analysis of bus times found most services ran five minutes late.",
    "The farm shop now sells shiitake mushrooms grown in an old barn.",
    "Middlesex and Essex both reported record rainfall in October.",
    "The assassin bug exhibit at the museum has been extended until spring.",
    "Penistone Grammar School celebrated its best exam results in a decade.",
    "A family from Cockermouth raised four thousand pounds for the flood appeal.",
    "Dickens fans gathered in Rochester for the annual festival.",
    "The bass player in the town band has retired after forty years.",
    "Her passion for gardening turned the old railway sidings into a park.",
    "Hello to everyone who came to the library open day on Saturday.",
    "The shellfish stall at the harbour reopened after the storm.",
    "Michelle Hancock was elected chair of the parish council.",
    "The Peacock Inn is looking for new bar staff before Christmas.",
    "Massachusetts students visited the cathedral as part of an exchange.",
    "A man was seen running from the scene, police said.",
    "Canal traffic fell sharply after the lock gates were damaged.",
    "The wrath of local shoppers was clear when parking charges doubled.",
    "Drapes and scrapes were the theme of the craft fair in the village hall.",
    "He'll be back on the pitch next week after a hamstring injury, the manager said.",
    "She'll open the new wing of the hospital on Friday.",
    "We'll publish the full list of road closures tomorrow morning.",
    "The new roundabout is, e.g., the third built on the A21 this year.",
    "Visitors from the U.S. filled the castle car park in August.",
    "The meeting starts at 7.30 p.m. in the community centre.",
    "The well-known baker has opened a second shop on the high street.",
    "The co-op in Bridge Street will close for a refit in January.",
    "A cock-a-leekie soup competition raised money for the food bank.",
    "Sooo many people turned up that the queue went round the block.",
    "Hmmm, said the judge, before awarding first prize to the marrow.",
    "Brrr: temperatures are expected to fall below freezing overnight.",
    "The M1 was closed northbound between junctions 11 and 12.",
    "Route 11 buses will run every fifteen minutes from Monday.",
    "The F1 team's factory outside the town is hiring engineers.",
    "Tickets cost £3.50 for adults and £1 for children.",
    "The 5* hotel by the lake has changed hands for the third time.",
    "Email info@parish.example for details of the allotment waiting list.",
    "The footpath from Shitterton to Bere Regis has been resurfaced.",
    "Road signs in Twatt, Orkney, were replaced after the gales.",
    "Bitchfield residents complained about potholes on the main road.",
    "Clitheroe Castle hosted a medieval fair over the bank holiday.",
    "The Sexhow bus stop was moved after a consultation.",
    "Hellebores are flowering early in the botanic garden this winter.",
    "The class of 1975 held a reunion at the old grammar school.",
    "A glass recycling bank will be installed behind the leisure centre.",
    "Grass cutting on verges will be reduced to help wildflowers.",
    "The passage between the church and the market is being repaved.",
    "A bassoon quartet will play at the lunchtime concert series.",
    "The assistant head teacher said the school was proud of its pupils.",
    "Harassment of shop workers is rising, a union survey found.",
    "An embassy delegation visited the twin town in Normandy.",
    "The chef's speciality is a pheasant pie with cranberry sauce.",
    "Scrap metal thefts from the railway have fallen this year.",
    "The title race goes down to the last day of the season.",
    "A document shows the council considered selling the park.",
    "The hospital trust has appointed a new chief executive.",
    "Shipping containers will be used as temporary classrooms.",
    "Workers at the pump house were praised for their quick response.",
    "The butcher, the baker and the candlestick maker all won awards.",
    "The cricket club's pavilion was damaged by fire overnight.",
    "Anglers say the river is cleaner than it has been for decades.",
    "The new bus shelter has solar panels and a digital timetable.",
    "Rail passengers faced delays after a signal failure near Ashford.",
    "A petition calling for a crossing near the school has two thousand names.",
    "Library opening hours will be extended on Thursdays.",
    "The football club's under-12 team reached the county final.",
    "A hot-air balloon landed safely in a field near the motorway.",
    "Fire crews rescued a cat from the roof of the old cinema.",
    "Market traders say footfall has recovered since the summer.",
    "Plans for forty homes on the edge of the village were rejected.",
    "The museum has acquired a rare Roman coin found by a metal detectorist.",
    "Flood defences along the estuary will be raised by half a metre.",
    "A new GP surgery will open in the former bank building.",
    "The mayor thanked volunteers who cleared litter from the beach.",
    "Speed cameras will be installed on the approach to the primary school.",
    "Taxi drivers protested about the cost of new licences.",
    "The swimming pool will reopen after a two-year refurbishment.",
    "A charity shop volunteer has worked there every Monday for thirty years.",
    "Councillors agreed to freeze allotment rents for another year.",
    "The parish church bells rang for the first time since the restoration.",
    "A community fridge has saved four tonnes of food from landfill.",
    "Police are appealing for witnesses to a crash on the ring road.",
    "The theatre's Christmas pantomime sold out in record time.",
    "Sheep escaped onto the bypass and caused long tailbacks.",
    "The country show will go ahead despite the wet weather.",
    "Students at the college built a robot that sorts recycling.",
    "A care home resident celebrated her hundredth birthday with a party.",
    "The harbour master warned swimmers about strong currents.",
    "Bin collections will change from weekly to fortnightly in April.",
    "The town's Christmas lights were switched on by a local author.",
    "A new footbridge links the housing estate to the railway station.",
    "Volunteers planted two thousand trees along the old canal towpath.",
    "The post office will move into the newsagent's shop next month.",
    "Parking in the town centre will be free on Saturdays in December.",
    "The allotment society's annual show featured a giant pumpkin.",
    "The hospice shop needs volunteers for its Saturday shifts.",
    "A water main burst flooded three streets on Tuesday morning.",
    "Residents say the new street lights are too bright.",
    "The primary school was rated good by inspectors.",
    "Cyclists welcomed the new segregated lane on the London road.",
    "The cinema is showing classic films every Sunday afternoon.",
    "A local author's crime novel has been shortlisted for a prize.",
    "Work on the new sports hall is running three months behind schedule.",
    "A herd of cows blocked the lane near the farm for an hour.",
    "Drivers are urged to take care on icy roads this weekend.",
    "The brass band will lead the Remembrance parade.",
    "Pupils raised money for a well in a village in Kenya.",
    "The town council has published its budget for next year.",
    "The village pub has been saved by a community buyout.",
    "A beaver family has been spotted on the river for the first time in centuries.",
    "The bakery's sourdough won a national award.",
    "An elderly man was taken to hospital after a fall in the shopping centre.",
    "Plans to turn the old police station into flats have been approved.",
    "The marathon will close several roads on Sunday morning.",
    "A new skate park opened on the recreation ground.",
    "The leisure centre's gym has been fitted with new equipment.",
    "Heritage open days let visitors inside buildings usually closed to the public.",
    "The town's oldest shop, a hardware store, is closing after 150 years.",
    "Anyone with information should call the police on 101.",
    "The bypass consultation closes at midnight on Friday.",
    "Tourism chiefs hope the new museum will bring more visitors.",
    "Flooding forced the closure of the riverside path.",
    "The rugby club celebrated promotion with an open-top bus parade.",
    "Dog walkers are asked to keep pets on leads near the nature reserve.",
    "The county's first electric bus went into service this week.",
    "A retired teacher has written a history of the village school.",
    "Broadband speeds in rural areas are still lagging behind towns.",
    "The food bank says demand has doubled since last winter.",
    "A mural celebrating the town's mining heritage was unveiled.",
    "The ferry service will run a reduced timetable during repairs.",
    "The youth club has been given a grant to stay open on Fridays.",
    "Archaeologists found a Saxon burial site under the car park.",
    "The hospital's car park charges will rise in the new year.",
    "Neighbours rallied round to help a family whose house burned down.",
    "The river festival included raft races and a duck derby.",
    "Council tax will rise by just under five percent.",
    "The gardener's tip: sow broad beans in late autumn.",
    "Local businesses say the roadworks are hurting trade.",
    "The new headteacher starts in September.",
    "Fans queued overnight for tickets to the cup tie.",
    "A rare orchid has been found on the chalk downs.",
    "The abbey ruins will be lit up for a light show in February.",
    "Bus fares for under-18s will be capped at one pound.",
    "The market square will be pedestrianised on weekends.",
    "Two men were arrested after a break-in at the sports club.",
    "The village green hosted its first farmers' market.",
    "Repairs to the pier will cost an estimated two million pounds.",
    "The crematorium will have a new garden of remembrance.",
    "The local radio station celebrates its fortieth birthday.",
    "A new bridge over the river will open in the spring.",
    "The choir will sing carols at the railway station for charity.",
    "Kayakers spotted seals near the mouth of the estuary.",
    "The school crossing patrol has been reinstated after complaints.",
    "Scunthorpe United fans travelled to the away match by coach.",
    "A classic analysis of the town's history has been reprinted.",
    "The therapist's book about grief has become a local bestseller.",
    "Cocktail evenings at the museum have proved popular with students.",
    "Grapefruit and grapes were on offer at the new greengrocer.",
    "The Sussex village won best kept village for the third time.",
    "The shiitake growers' cooperative welcomed visitors to its farm.",
    "The leader of the opposition called the plan shortsighted.",
    "Our reporter spent a day with the town's only blacksmith.",
    "A sinkhole opened in the car park of the supermarket.",
    "The town's twinning association marked fifty years of friendship.",
    "Walkers are asked to stay on paths to protect nesting birds.",
    "The new housing estate will include a play area and shops.",
    "A teenager has been praised for giving first aid at a crash.",
    "The lifeboat crew was called out three times in one day.",
    "A jazz festival will take over the town's pubs in June.",
    "The fire at the recycling centre is now under control.",
    "Organisers of the carnival are looking for new floats.",
    "The high street has lost six shops this year, a survey found.",
    "A new dentist is taking on patients for the first time in years.",
    "The canal restoration trust has bought a dredger.",
    "Engineers have repaired the broken clock on the town hall.",
    "The planning committee deferred its decision on the quarry.",
    "Cyclists are asked to give way to pedestrians on the shared path.",
    "The vicar is retiring after twenty-five years in the parish.",
    "A knitting group has made hats for every baby born at the hospital.",
    "The zoo welcomed a baby giraffe on Tuesday.",
    "The pothole on Mill Lane has finally been filled.",
    "An art exhibition by local schoolchildren opens at the library.",
    "A new bakery has opened in the old fire station.",
    "Hundreds of runners took part in the park run on New Year's Day.",
    "The county council has apologised for late school bus services.",
    "A memorial bench has been installed in memory of a much-loved postman.",
    "Snow closed several schools in the hills on Monday.",
    "The tidal surge caused flooding along the promenade.",
    "A craft brewery will open in a former chapel.",
    "The business park will bring two hundred jobs to the area.",
    "The rail line reopened after a landslip was cleared.",
    "A hedgehog hospital is appealing for donations of food.",
    "The annual pancake race was won by a retired postman.",
    "The village's phone box has become a tiny library.",
    "Parents are worried about plans to merge two primary schools.",
    "The cathedral's organ is being restored for the first time in a century.",
    "Wildlife experts are counting butterflies in the meadows.",
    "The harbour's fish market has a new auction hall.",
    "A lorry shed its load of potatoes on the roundabout.",
    "The council says it will reply to every letter about the bypass.",
    "Street parties are planned across the district for the jubilee.",
    "A new community garden was opened by the youngest volunteer.",
    "A thief stole charity collection tins from three shops.",
    "The bowling club is offering free taster sessions.",
    "The town's war memorial has been cleaned and repaired.",
    "A cat café has opened near the university.",
    "Commuters say the new timetable has made journeys longer.",
    "The hospital's maternity unit has been rated outstanding.",
    "A beekeeper has placed hives on the roof of the town hall.",
    "Flower beds in the park have been replanted by volunteers.",
    "Motorists are warned of delays during bridge inspections.",
    "The sixth form college is building a new science block.",
    "An old mill has been converted into artists' studios.",
    "The tennis club's courts are being resurfaced.",
    "The district's recycling rate is the highest in the region.",
    "Singers from five choirs performed together in the cathedral.",
    "A pop-up shop is selling goods made by local craftspeople.",
    "The ambulance station will move to a new site by the bypass.",
    "Tributes were paid to a former mayor who died aged ninety.",
    "The new mayor promised to listen to young people.",
    "Hillwalkers were rescued after getting lost in fog.",
    "The town's museum has digitised its photograph collection.",
    "A group of friends swam the length of the lake for charity.",
    "A survey found most residents want more trees in the town centre.",
    "The weekly market will move to Thursdays from next month.",
    # Multi-line and chat-like ones.
    "The council met on Monday.\nThe vote was close, and the bypass plan passed.",
    "Trains are delayed -\nplease check before you travel.",
    "Sooo happy the bakery reopened!!! Best buns in town",
    "Hmmm... not sure about the new one-way system, tbh",
    "Zzz, another meeting about parking. Wake me up when it's done",
    "5* service at the café on the corner, 10/10 would go again",
    "Who else thinks the M11 roadworks will never end?",
    "The A1(M) is shut again. Leave early!",
    "Ahhh, the smell of the bakery on a Monday morning.",
    "Class 110 trains are being retired from the branch line.",
)

Disguise = Callable[[random.Random, str], str]


def _dots(rng: random.Random, word: str) -> str:
    cut = rng.randrange(1, len(word))
    return word[:cut] + rng.choice([".", "-", "·", "~", "|", "^"]) + word[cut:]


def _masked(rng: random.Random, word: str) -> str:
    inner = [i for i in range(1, len(word) - 1) if word[i] in "aeiou"]
    if not inner:
        return word
    at = rng.choice(inner)
    return word[:at] + "*" + word[at + 1 :]


def _stretched(rng: random.Random, word: str) -> str:
    at = rng.randrange(len(word))
    return word[:at] + word[at] * rng.randint(3, 7) + word[at + 1 :]


def _ones(rng: random.Random, word: str) -> str:
    return "".join("1" if letter in "il" else letter for letter in word)


def _markdown(rng: random.Random, word: str) -> str:
    if rng.random() < 0.5:
        return rng.choice(["**", "__", "||", "~~", "*", "_"]).join(["", word, ""])
    mark = rng.choice(["**", "_", "*"])
    return mark.join(word) if rng.random() < 0.5 else word[0] + mark + word[1:-1] + mark + word[-1]


def _combining(rng: random.Random, word: str) -> str:
    return "".join(letter + rng.choice(["\u0301", "\u0308", "\u0336", "\u0327"]) for letter in word)


def _fullwidth(rng: random.Random, word: str) -> str:
    return "".join(chr(ord(letter) + 0xFEE0) if letter.isalpha() else letter for letter in word)


def _emoji(rng: random.Random, word: str) -> str:
    base = rng.choice([0x1F170, 0x1F150, 0x1F1E6])
    joiner = "\u200b" if base == 0x1F1E6 else ""
    return joiner.join(chr(base + ord(c) - 97) if c.isalpha() else c for c in word)


def _line_break(rng: random.Random, word: str) -> str:
    cut = rng.randrange(1, len(word))
    return word[:cut] + rng.choice(["\n", "-\n"]) + word[cut:]


def _invisible(rng: random.Random, word: str) -> str:
    return "".join(letter + rng.choice(["\u200b", "\u200d", "\u00ad", ""]) for letter in word)


def _leet(rng: random.Random, word: str) -> str:
    table = {"a": "4", "e": "3", "o": "0", "s": "$", "t": "7", "i": "!"}
    kept = rng.randrange(len(word))  # one letter stays: a word of symbols alone is a number
    return "".join(
        table[c] if c in table and i != kept and rng.random() < 0.6 else c
        for i, c in enumerate(word)
    )


def _spaced(rng: random.Random, word: str) -> str:
    return rng.choice([".", " ", "-", "_", ". "]).join(word)


DISGUISES: Final[dict[str, Disguise]] = {
    "in_word_punctuation": _dots,
    "masked_letter": _masked,
    "stretched": _stretched,
    "one_for_i_and_l": _ones,
    "markdown": _markdown,
    "combining_marks": _combining,
    "fullwidth": _fullwidth,
    "emoji_letters": _emoji,
    "line_break": _line_break,
    "invisible": _invisible,
    "leet": _leet,
    "spaced_letters": _spaced,
}


def disguised_comments(seed: int, per_disguise: int) -> list[tuple[str, str, str]]:
    """``(disguise, word, comment)``: a profanity in a disguise, inside an innocent sentence."""
    rng = random.Random(seed)
    single = [word for word in PROFANITIES if " " not in word]
    out: list[tuple[str, str, str]] = []
    for name, disguise in DISGUISES.items():
        for _ in range(per_disguise):
            word = rng.choice(single)
            words = rng.choice(INNOCENT).split()
            words.insert(rng.randint(0, len(words)), disguise(rng, word))
            out.append((name, word, " ".join(words)))
    return out
