// placeholder for the empty-state CTA test
