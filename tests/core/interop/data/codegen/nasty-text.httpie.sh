http --ignore-stdin \
  --raw 'it'\''s $HOME and `uname`
line 2 "quoted" \n ${x} ✓ 😀
' \
  --follow \
  --timeout 30 \
  -- POST 'https://api.example.com/notes' \
  'Content-Type:text/plain; charset=utf-8' \
  'X-Note:it'\''s $HOME `id` "q" \ ok'
