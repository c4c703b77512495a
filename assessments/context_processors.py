"""What every page needs to ask about this browser's attempts."""

from assessments.access import claim_offer


def claim_offer_count(request):
    """How many of this browser's anonymous attempts wait to be added to the account that
    signed in. Read from the session, which the page loads anyway; a callable, so pages for
    anonymous visitors never ask."""
    return {"claim_offer_count": lambda: len(claim_offer(request))}
