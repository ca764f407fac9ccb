"""Server mode accounts: sign in and out, sign up, change or reset a password, export, delete."""

from __future__ import annotations

import io

from django import forms
from django.conf import settings
from django.contrib.auth import login, logout, update_session_auth_hash
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from nextround.services import accounts, operations
from nextround.services.errors import InvalidInput, ServiceError
from nextround.web.views.common import owner


class SignInForm(forms.Form):
    username = forms.CharField(
        max_length=150, widget=forms.TextInput(attrs={"autocomplete": "username"})
    )
    password = forms.CharField(
        max_length=4096, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )


class SignUpForm(forms.Form):
    username = forms.CharField(
        max_length=150, widget=forms.TextInput(attrs={"autocomplete": "username"})
    )
    email = forms.EmailField(required=False, label="E-mail (optional)")
    password = forms.CharField(
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 10 characters, not a common password.",
    )
    invite = forms.CharField(max_length=200, required=False, label="Invite code")


class PasswordChangeForm(forms.Form):
    old_password = forms.CharField(
        label="Current password",
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    password = forms.CharField(
        label="New password",
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )


class ResetForm(forms.Form):
    password = forms.CharField(
        label="New password",
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )


class DeleteForm(forms.Form):
    password = forms.CharField(
        label="Your password, to confirm",
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


def _server_only() -> None:
    if settings.LOCAL_MODE:
        raise Http404("Local mode has no accounts: nextround is yours alone on this machine.")


def _form_errors(form: forms.Form, exc: ServiceError) -> None:
    if isinstance(exc, InvalidInput):
        for field, messages in exc.errors.items():
            for message in messages:
                form.add_error(field if field in form.fields else None, message)
    else:
        form.add_error(None, str(exc))


def _address(request: HttpRequest) -> str:
    if settings.TRUSTED_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return str(forwarded).split(",")[-1].strip()
    return str(request.META.get("REMOTE_ADDR", ""))


def sign_in(request: HttpRequest) -> HttpResponse:
    _server_only()
    form = SignInForm(request.POST or None)
    next_url = request.POST.get("next") or request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = "/"
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            user = accounts.sign_in(
                form.cleaned_data["username"], form.cleaned_data["password"], _address(request)
            )
        except accounts.Throttled as exc:
            form.add_error(None, str(exc))
            status = 429
        except ServiceError as exc:
            form.add_error(None, str(exc))
            status = 400
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            return redirect(next_url)
    elif request.method == "POST":
        status = 400
    context = {"form": form, "next": next_url, "signup": settings.SIGNUP}
    return render(request, "nextround/account_login.html", context, status=status)


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    _server_only()
    logout(request)
    return redirect(settings.LOGIN_URL_PATH)


def sign_up(request: HttpRequest) -> HttpResponse:
    _server_only()
    if settings.SIGNUP == "closed":
        return render(request, "nextround/account_signup.html", {"closed": True}, status=403)
    form = SignUpForm(request.POST or None, initial={"invite": request.GET.get("invite", "")})
    if settings.SIGNUP == "open":
        del form.fields["invite"]
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                user = accounts.sign_up(
                    data["username"], data["password"], data["email"], data.get("invite", "")
                )
            except ServiceError as exc:
                _form_errors(form, exc)
            else:
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
                return redirect("dashboard")
    return render(
        request, "nextround/account_signup.html", {"form": form, "closed": False}, status=status
    )


def settings_page(request: HttpRequest) -> HttpResponse:
    """The account page: change password, download your data, delete your account."""
    _server_only()
    user = owner(request)
    form = PasswordChangeForm(request.POST or None)
    status = 200
    done = False
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                accounts.change_password(
                    user, form.cleaned_data["old_password"], form.cleaned_data["password"]
                )
            except ServiceError as exc:
                _form_errors(form, exc)
            else:
                update_session_auth_hash(request, user)
                form, status, done = PasswordChangeForm(), 200, True
    context = {"form": form, "delete_form": DeleteForm(), "done": done}
    return render(request, "nextround/account_settings.html", context, status=status)


def reset(request: HttpRequest, token: str) -> HttpResponse:
    _server_only()
    form = ResetForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                user = accounts.reset_password(token, form.cleaned_data["password"])
            except ServiceError as exc:
                _form_errors(form, exc)
            else:
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
                return redirect("dashboard")
    return render(request, "nextround/account_reset.html", {"form": form}, status=status)


def export(request: HttpRequest) -> HttpResponse:
    """Download everything you own as a nextround backup file."""
    _server_only()
    buffer = io.StringIO()
    operations.export_user(owner(request), buffer)
    response = HttpResponse(buffer.getvalue(), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="nextround-export.json"'
    return response


@require_POST
def delete_account(request: HttpRequest) -> HttpResponse:
    _server_only()
    user = owner(request)
    form = DeleteForm(request.POST)
    if not form.is_valid() or not user.check_password(form.cleaned_data["password"]):
        form.add_error("password", "That is not your password: nothing was deleted.")
        context = {"form": PasswordChangeForm(), "delete_form": form, "done": False}
        return render(request, "nextround/account_settings.html", context, status=400)
    logout(request)
    operations.delete_account(user)
    return redirect(settings.LOGIN_URL_PATH)
