http --ignore-stdin \
  --raw '{
  "email": "new@example.com",
  "active": true,
  "score": 1.50,
  "manager": null,
  "tags": ["a", "b"],
  "address": {"city": "Zürich", "zip": "8000"}
}' \
  --follow \
  --timeout 30 \
  -- PATCH 'https://api.example.com/users/1' \
  'Content-Type:application/json'
