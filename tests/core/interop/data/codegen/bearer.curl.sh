curl -X DELETE 'https://api.example.com/posts/7' \
  -H 'Authorization: Bearer {{token}}' \
  -L \
  --max-time 30
