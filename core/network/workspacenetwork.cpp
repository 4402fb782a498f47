#include "core/network/workspacenetwork.h"

#include "core/cookies/cookiejar.h"
#include "core/cookies/cookiejarfile.h"
#include "core/network/networkcontext.h"
#include "core/secrets/secretstore.h"

#include <QUuid>

#include <algorithm>

namespace Patchbay::Core {

namespace {

const QString kProxySecret = QStringLiteral("proxy");

// The files whose passphrase the keyring may hold: every PKCS#12 file, and PEM certificates
// (their key may be encrypted; an entry that does not exist costs one keyring lookup).
QStringList passphraseFiles(const NetworkSettings &settings)
{
    QStringList files;
    for (const ClientCertificate &c : settings.clientCertificates) {
        if (!c.file().isEmpty() && !files.contains(c.file()))
            files.append(c.file());
    }
    return files;
}

} // namespace

WorkspaceNetwork::WorkspaceNetwork(NetworkContext *context, SecretStore *store,
                                   QString workspaceRoot, QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_store(store)
    , m_root(std::move(workspaceRoot))
    , m_jar(std::make_unique<CookieJar>())
{
    m_worker.setMaxThreadCount(1);
    if (!m_root.isEmpty()) {
        m_jarFile
            = std::make_unique<CookieJarFile>(m_jar.get(), CookieJarFile::pathForWorkspace(m_root));
        connect(m_jarFile.get(), &CookieJarFile::loaded, this, [this](const QString &message) {
            m_jarLoaded = true;
            if (!message.isEmpty())
                emit cookieFileProblem(message);
            finishIfReady();
        });
        connect(m_jarFile.get(), &CookieJarFile::writeFailed, this,
                &WorkspaceNetwork::cookieFileProblem);
    }
    m_context->setCookieJar(m_jar.get());
    connect(m_store, &SecretStore::readFinished, this, &WorkspaceNetwork::onSecretRead);
    connect(m_store, &SecretStore::writeFinished, this, &WorkspaceNetwork::onSecretWritten);
    connect(m_store, &SecretStore::removeFinished, this, &WorkspaceNetwork::onSecretWritten);
}

WorkspaceNetwork::~WorkspaceNetwork()
{
    m_worker.waitForDone();
    if (m_context->cookieJar() == m_jar.get())
        m_context->setCookieJar(nullptr);
    m_jarFile.reset(); // writes pending changes while the jar still exists
}

QString WorkspaceNetwork::proxyPasswordKey(const NetworkSettings &settings)
{
    return networkSecretKey(settings.id, kProxySecret);
}

QString WorkspaceNetwork::passphraseKey(const NetworkSettings &settings, const QString &file)
{
    return networkSecretKey(settings.id, passphraseSecretName(file));
}

void WorkspaceNetwork::load()
{
    if (m_jarFile && !m_jarRequested) {
        m_jarRequested = true;
        m_jarFile->loadInBackground();
    }
    const int generation = ++m_generation;
    m_loading = true;
    m_profileReady = false;
    m_pendingSecrets.clear();
    if (m_root.isEmpty()) {
        onSettingsRead(NetworkSettings(), generation);
        return;
    }
    const QString root = m_root;
    m_worker.start([this, root, generation] {
        // The destructor waits for this thread, so `this` outlives the call posted here.
        const Result<NetworkSettings> settings = loadNetworkSettings(root);
        QMetaObject::invokeMethod(
            this, [this, settings, generation] { onSettingsRead(settings, generation); },
            Qt::QueuedConnection);
    });
}

void WorkspaceNetwork::onSettingsRead(const Result<NetworkSettings> &settings, int generation)
{
    if (generation != m_generation)
        return;
    m_problems.clear();
    m_secrets = NetworkSecrets();
    if (!settings.ok()) {
        // Broken settings must not silently send through no proxy at all: keep the defaults
        // (the system's proxy) and say why.
        m_problems.append(settings.error().message);
        m_settings = NetworkSettings();
    } else {
        m_settings = settings.value();
    }
    if (!m_settings.id.isEmpty()) {
        if (!m_settings.proxy.username.isEmpty())
            m_pendingSecrets.insert(proxyPasswordKey(m_settings), kProxySecret);
        for (const QString &file : passphraseFiles(m_settings))
            m_pendingSecrets.insert(passphraseKey(m_settings, file), file);
    }
    if (m_pendingSecrets.isEmpty()) {
        buildProfile(generation);
        return;
    }
    for (auto it = m_pendingSecrets.cbegin(); it != m_pendingSecrets.cend(); ++it)
        m_store->read(it.key());
}

void WorkspaceNetwork::onSecretRead(const SecretReply &reply)
{
    const auto pending = m_pendingSecrets.constFind(reply.key);
    if (pending == m_pendingSecrets.cend())
        return; // someone else's
    const QString what = *pending;
    m_pendingSecrets.erase(pending);
    if (reply.status == SecretReply::Status::Ok) {
        if (what == kProxySecret)
            m_secrets.proxyPassword = reply.value;
        else
            m_secrets.passphrases.insert(what, reply.value);
    } else if (reply.status == SecretReply::Status::Failed && !m_problems.contains(reply.message)) {
        m_problems.append(QStringLiteral("The keyring could not be read, so the proxy password "
                                         "and certificate passphrases are missing: %1")
                              .arg(reply.message));
    }
    if (m_pendingSecrets.isEmpty())
        buildProfile(m_generation);
}

void WorkspaceNetwork::buildProfile(int generation)
{
    const NetworkSettings settings = m_settings;
    const NetworkSecrets secrets = m_secrets;
    const QString root = m_root;
    m_worker.start([this, settings, secrets, root, generation] {
        // CA bundles and certificates are files, read here rather than on the caller's thread.
        auto profile
            = std::make_shared<const NetworkProfile>(NetworkProfile::load(settings, root, secrets));
        QMetaObject::invokeMethod(
            this,
            [this, profile, generation] {
                if (generation != m_generation)
                    return;
                m_problems += profile->problems();
                m_context->setProfile(profile);
                m_profileReady = true;
                finishIfReady();
            },
            Qt::QueuedConnection);
    });
}

void WorkspaceNetwork::onSecretWritten(const SecretReply &reply)
{
    const auto pending = m_pendingWrites.find(reply.key);
    if (pending == m_pendingWrites.end())
        return; // someone else's
    if (--*pending <= 0)
        m_pendingWrites.erase(pending);
    finishIfReady();
}

void WorkspaceNetwork::finishIfReady()
{
    if (!m_loading || !m_profileReady || (m_jarFile && !m_jarLoaded) || !m_pendingWrites.isEmpty())
        return;
    m_loading = false;
    emit loaded();
}

void WorkspaceNetwork::save(const NetworkSettings &edited, const NetworkSecrets &secrets)
{
    NetworkSettings settings = edited;
    if (settings.id.isEmpty())
        settings.id = m_settings.id;
    if (settings.id.isEmpty())
        settings.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    writeSecrets(m_settings, settings, secrets);
    m_settings = settings;
    m_secrets = secrets;
    if (m_root.isEmpty()) {
        emit saved(QString());
        load();
        return;
    }
    const QString root = m_root;
    m_worker.start([this, root, settings] {
        const Status written = saveNetworkSettings(root, settings);
        QMetaObject::invokeMethod(
            this,
            [this, written] {
                emit saved(written.ok() ? QString() : written.error().message);
                load();
            },
            Qt::QueuedConnection);
    });
}

bool WorkspaceNetwork::mergeImported(const ImportedNetwork &imported)
{
    for (const Cookie &cookie : imported.cookies)
        m_jar->insert(cookie);
    NetworkSettings settings = m_settings;
    NetworkSecrets secrets = m_secrets;
    for (const QString &ca : imported.caCertificates) {
        if (!settings.caCertificates.contains(ca))
            settings.caCertificates.append(ca);
    }
    for (const ClientCertificate &c : imported.clientCertificates) {
        const bool known = std::any_of(
            settings.clientCertificates.cbegin(), settings.clientCertificates.cend(),
            [&c](const ClientCertificate &k) { return k.host == c.host && k.file() == c.file(); });
        if (!known)
            settings.clientCertificates.append(c);
        if (imported.passphrases.contains(c.file()))
            secrets.passphrases.insert(c.file(), imported.passphrases.value(c.file()));
    }
    if (settings == m_settings && secrets == m_secrets)
        return false;
    save(settings, secrets);
    return true;
}

void WorkspaceNetwork::writeSecrets(const NetworkSettings &previous,
                                    const NetworkSettings &settings, const NetworkSecrets &secrets)
{
    // The keyring answers in order, so a load() that follows reads what is written here.
    const auto write = [this](const QString &key, const QString &value) {
        ++m_pendingWrites[key];
        if (value.isEmpty())
            m_store->remove(key);
        else
            m_store->write(key, value);
    };
    write(proxyPasswordKey(settings),
          settings.proxy.username.isEmpty() ? QString() : secrets.proxyPassword);
    const QStringList files = passphraseFiles(settings);
    for (const QString &file : files)
        write(passphraseKey(settings, file), secrets.passphrases.value(file));
    if (previous.id == settings.id) {
        for (const QString &file : passphraseFiles(previous)) {
            if (!files.contains(file))
                write(passphraseKey(settings, file), QString());
        }
    }
}

} // namespace Patchbay::Core
