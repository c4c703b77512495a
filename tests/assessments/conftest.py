from django.urls import reverse


def step_url(assessment, number: int) -> str:
    return reverse("assessments:step", args=[assessment.pk, number])
