http --ignore-stdin --form \
  --follow \
  --timeout 30 \
  -- POST 'https://api.example.com/upload' \
  'title=Q3 report' \
  'file@/tmp/report.csv;type=text/csv' \
  'logo@/tmp/logo.png'
