curl 'https://api.example.com/v1/items?page=2&q=a%20b' \
  -H 'accept: application/json' \
  -H $'x-note: it\'s \x41' \
  -H 'content-type: application/json' \
  --data-raw '{"name":"it'\''s"}' \
  --compressed -L --max-redirs 3 -u user:pa:ss -k
