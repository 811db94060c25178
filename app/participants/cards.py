"""Marketplace cards: one card per organisation, its people listed inside.

Kept apart from the search (services.marketplace) so that a change of the data source only has to hand
this function the matching people in display order."""
from dataclasses import dataclass


@dataclass(frozen=True)
class OrganisationCard:
    organisation: object
    people: tuple


def organisation_cards(people):
    """Group `people` (ordered) by organisation: first appearance decides the card's place, people keep
    their order inside it. People without an organisation get a card of their own."""
    cards, index = [], {}
    for person in people:
        key = person.organisation_id if person.organisation_id is not None else ("person", person.id)
        if key not in index:
            index[key] = len(cards)
            cards.append((person.organisation, []))
        cards[index[key]][1].append(person)
    return [OrganisationCard(org, tuple(members)) for org, members in cards]
