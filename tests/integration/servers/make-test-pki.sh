#!/bin/sh
# Makes a throwaway PKI for the TLS tests in DIR (created if missing). Nothing here is secret:
# every key is made at test time and removed with the test's temporary directory.
#   ca.pem            root CA "Patchbay Test Root CA"
#   int.pem           intermediate CA signed by the root
#   server.pem/.key   localhost + 127.0.0.1, signed by the intermediate (chain.pem: leaf + int)
#   expired.pem/.key  the same names, expired (valid only in 2020)
#   wronghost.pem/.key  valid, but for wrong.example only
#   clientca.pem      the CA that mTLS servers trust for client certificates
#   client.pem/.key   a client certificate from clientca (client.p12: passphrase "p12pass")
#   other-client.pem/.key  a client certificate from another CA (otherca.pem)
set -eu
dir=$1
mkdir -p "$dir"
cd "$dir"
days=30
subj() { printf '/O=Patchbay tests/CN=%s' "$1"; }

cat > ext.cnf <<'CNF'
[ca]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[server]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1
[wronghost]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:wrong.example
[client]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
CNF

key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }
# selfca NAME CN
selfca() {
    key "$1.key"
    openssl req -x509 -new -key "$1.key" -subj "$(subj "$2")" -days $days \
        -addext "basicConstraints=critical,CA:true" -addext "keyUsage=critical,keyCertSign,cRLSign" \
        -out "$1.pem" 2>/dev/null
}
# issue NAME CN ISSUER EXTENSION
issue() {
    key "$1.key"
    openssl req -new -key "$1.key" -subj "$(subj "$2")" -out "$1.csr" 2>/dev/null
    openssl x509 -req -in "$1.csr" -CA "$3.pem" -CAkey "$3.key" -CAcreateserial -days $days \
        -extfile ext.cnf -extensions "$4" -out "$1.pem" 2>/dev/null
    rm -f "$1.csr"
}

selfca ca "Patchbay Test Root CA"
issue int "Patchbay Test Intermediate CA" ca ca
issue server localhost int server
cat server.pem int.pem > chain.pem
issue wronghost wrong.example int wronghost
cat wronghost.pem int.pem > wronghost-chain.pem

# An expired certificate needs explicit dates: `openssl ca` takes them.
key expired.key
openssl req -new -key expired.key -subj "$(subj localhost)" -out expired.csr 2>/dev/null
mkdir -p cadb
: > cadb/index.txt
cat > cadb/ca.cnf <<CNF
[ca]
default_ca = int
[int]
database = cadb/index.txt
new_certs_dir = cadb
certificate = int.pem
private_key = int.key
serial = cadb/serial
default_md = sha256
policy = any
copy_extensions = none
[any]
commonName = supplied
organizationName = optional
CNF
echo 1000 > cadb/serial
openssl ca -batch -config cadb/ca.cnf -in expired.csr -out expired.pem -notext \
    -startdate 20200101000000Z -enddate 20200201000000Z -extfile ext.cnf -extensions server \
    >/dev/null 2>&1
cat expired.pem int.pem > expired-chain.pem
rm -f expired.csr

selfca clientca "Patchbay Test Client CA"
issue client "Patchbay test client" clientca client
openssl pkcs12 -export -in client.pem -inkey client.key -certfile clientca.pem -name client \
    -passout pass:p12pass -out client.p12
selfca otherca "Some Other CA"
issue other-client "Intruder" otherca client
