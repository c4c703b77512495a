from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters

from accounts.forms import EMAIL_IN_USE, DeleteAccountForm, SignupForm
from accounts.services import account_delete, account_unlock
from assessments.access import visible_assessments
from assessments.models import PublicLink
from counselors.access import is_counselor
from counselors.models import Share
from counselors.services import counselor_profile_for


@sensitive_post_parameters("password1", "password2")
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("accounts:home")
    # Back to where sign-up was asked for ("Make this my plan", "share this result"), if it
    # is ours: never a redirect to another site.
    next_url = request.POST.get("next") or request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = ""
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                user = form.save()
        except IntegrityError:  # the same email signed up a moment ago, in another request
            form.add_error("email", EMAIL_IN_USE)
        else:
            login(request, user, backend="common.auth_backend.CachedUserBackend")
            messages.success(request, _("Welcome! Your account is ready."))
            return redirect(next_url or "accounts:home")
    return render(request, "accounts/signup.html", {"form": form, "next": next_url})


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert user.is_authenticated  # login_required lets no one else in
    context = {
        "assessments": visible_assessments(request).select_related("role").with_latest_score(),
        "shares": Share.objects.filter(owner=user).select_related(
            "counselor__counselor_profile", "assessment__role", "role"
        ),
        "links": PublicLink.objects.filter(assessment__owner=user).select_related(
            "assessment__role"
        ),
        "counselor_profile": counselor_profile_for(user) if is_counselor(user) else None,
    }
    return render(request, "accounts/home.html", context)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    def form_valid(self, form):
        response = super().form_valid(form)
        # Whoever reads the account's email may choose its password, so they may also end a
        # lockout of it: wrong passwords typed elsewhere must not keep the owner out.
        account_unlock(user=form.user)
        return response


@login_required
@sensitive_post_parameters("password")
def delete(request: HttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST or None, user=request.user, request=request)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        account_delete(user=user)
        messages.success(request, _("Your account and all your data have been deleted."))
        return redirect("careers:home")
    return render(request, "accounts/delete.html", {"form": form})
