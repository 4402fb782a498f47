curl 'https://api.example.com/photos' \
  -H 'Content-Type: image/png' \
  --data-binary '@/tmp/photo.png' \
  -L \
  --max-time 30
