"""Figures and issues as Rich tables and panels for the terminal (render layer)."""
