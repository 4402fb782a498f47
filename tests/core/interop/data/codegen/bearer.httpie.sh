http --ignore-stdin DELETE 'https://api.example.com/posts/7' \
  'Authorization:Bearer {{token}}' \
  --follow \
  --timeout 30
