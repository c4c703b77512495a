from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm, UserCreationForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from common.names import validate_name

EMAIL_IN_USE = _(
    "An account with this email already exists. Log in, or reset its password if you forgot it."
)
EMAIL_TAKEN = _("Another account already has this email address (in some case).")


def email_taken(email: str, *, by_other_than: int | None = None) -> bool:
    """Whether an account other than `by_other_than` has this email, compared in any case as
    the database's unique index compares (accounts/migrations/0001); no email is never taken."""
    accounts = get_user_model().objects.filter(email__iexact=email)
    if by_other_than is not None:
        accounts = accounts.exclude(pk=by_other_than)
    return bool(email) and accounts.exists()


class SignupForm(UserCreationForm):
    email = forms.EmailField(label=_("Email"), help_text=_("Only used to reset your password."))
    first_name = forms.CharField(
        label=_("Name"),
        required=False,
        max_length=150,
        help_text=_("Optional: how a counselor you share results with will see you."),
        validators=[validate_name],
    )

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ("username", "email", "first_name")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Create my account")))

    def clean_email(self) -> str:
        """One account per email (any case): a password reset goes to exactly one account.
        The database enforces it too (accounts/migrations/0001)."""
        email = self.cleaned_data["email"]
        if email_taken(email):
            raise forms.ValidationError(EMAIL_IN_USE, code="email_in_use")
        return email


class AccountAdminCreationForm(AdminUserCreationForm):
    """Django admin's "Add user", with the email too, checked as the change form checks it."""

    class Meta(AdminUserCreationForm.Meta):
        fields = ("username", "email")

    def clean_email(self) -> str:
        email = self.cleaned_data["email"]
        if email_taken(email):
            raise forms.ValidationError(EMAIL_TAKEN, code="email_taken")
        return email


class AccountAdminChangeForm(UserChangeForm):
    """Django admin's user page: another account's email is a field error, not the unique
    index's IntegrityError (a server error)."""

    def clean_email(self) -> str:
        email = self.cleaned_data["email"]
        if email_taken(email, by_other_than=self.instance.pk):
            raise forms.ValidationError(EMAIL_TAKEN, code="email_taken")
        return email


class DeleteAccountForm(forms.Form):
    """Deleting everything needs the password: a shared computer left logged in is not enough.
    The password is checked like a login's, so wrong guesses here count towards the same
    lockout (accounts/lockout.py)."""

    password = forms.CharField(label=_("Your password"), widget=forms.PasswordInput)

    def __init__(self, *args, user, request: HttpRequest, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.request = request
        self.helper = FormHelper()
        self.helper.add_input(
            Submit("submit", _("Delete my account and all my data"), css_class="btn-danger")
        )

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        checked = authenticate(self.request, username=self.user.get_username(), password=password)
        if checked is None or checked.pk != self.user.pk:
            raise forms.ValidationError(_("That is not your password."))
        return password
