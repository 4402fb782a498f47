curl \
  -H 'Content-Type: text/plain; charset=utf-8' \
  -H 'X-Note: it'\''s $HOME `id` "q" \ ok' \
  --data-raw 'it'\''s $HOME and `uname`
line 2 "quoted" \n ${x} ✓ 😀
' \
  -L \
  --max-time 30 \
  -- 'https://api.example.com/notes'
