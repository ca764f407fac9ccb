"""Views: read the request, call one service, render."""
