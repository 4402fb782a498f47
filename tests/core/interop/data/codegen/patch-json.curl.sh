curl -X PATCH \
  -H 'Content-Type: application/json' \
  --data-raw '{
  "email": "new@example.com",
  "active": true,
  "score": 1.50,
  "manager": null,
  "tags": ["a", "b"],
  "address": {"city": "Zürich", "zip": "8000"}
}' \
  -L \
  --max-time 30 \
  -- 'https://api.example.com/users/1'
