"""The service directory (data/directory/<cc>.yml): loading, choosing services for a need, rendering them."""
