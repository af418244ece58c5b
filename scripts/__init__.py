"""Maintainer and developer commands run through make."""
