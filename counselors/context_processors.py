"""What every page's navigation needs to know about counselors."""

from counselors.access import is_counselor


def workspace(request):
    """Whether to show the counselor's "Clients" link.

    Decided by the same group membership the workspace itself checks, so a user an admin
    has just added to the group sees the link at once, and one removed from it no longer
    does. Passed as a callable: the template calls it only for signed-in visitors, so
    anonymous pages run no query for it.
    """
    return {"user_is_counselor": lambda: is_counselor(request.user)}
