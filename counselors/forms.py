from django import forms
from django.utils.translation import gettext_lazy as _


class ShareForm(forms.Form):
    share_code = forms.CharField(
        label=_("Your counselor's share code"),
        max_length=32,
        help_text=_("Eight letters and digits your counselor gave you."),
        widget=forms.TextInput(attrs={"class": "form-control", "autocomplete": "off"}),
    )
    scope = forms.ChoiceField(
        label=_("Share"),
        widget=forms.RadioSelect,
        initial="result",
        choices=[
            ("result", _("This result only")),
            ("role", _("All my results for this role, including future ones")),
        ],
    )


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("New note"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Private: only you see your notes."),
    )
