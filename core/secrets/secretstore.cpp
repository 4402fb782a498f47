#include "core/secrets/secretstore.h"

#include <QLoggingCategory>
#include <QTimer>

#include <qt6keychain/keychain.h>

Q_LOGGING_CATEGORY(lcSecrets, "patchbay.secrets")

namespace Patchbay::Core {

namespace {

bool isBackendFailure(QKeychain::Error error)
{
    // Anything but "there is no such entry" means the keyring cannot be used right now (no
    // session bus, no Secret Service, locked or refused).
    return error != QKeychain::NoError && error != QKeychain::EntryNotFound;
}

template<typename Job> Job *makeJob(const QString &service, const QString &key)
{
    // Owned by QtKeychain: jobs delete themselves after finished(). Not parented to the store:
    // the Secret Service backend calls back into a job after the D-Bus round trip, and a job
    // deleted with its store meanwhile crashed there. The store's connections use it as context,
    // so a store that is gone simply hears nothing.
    auto *job = new Job(service);
    job->setAutoDelete(true);
    job->setInsecureFallback(false); // its fallback writes plain text; ours stays in memory
    job->setKey(key);
    return job;
}

} // namespace

SecretStore::SecretStore(QObject *parent)
    : SecretStore(QStringLiteral("Patchbay"), parent)
{ }

SecretStore::SecretStore(const QString &service, QObject *parent)
    : QObject(parent)
    , m_service(service)
{ }

SecretStore::~SecretStore()
{
    // Best effort: do not leave secrets in freed memory.
    for (auto it = m_memory.begin(); it != m_memory.end(); ++it)
        it->fill(u'\0');
}

QString SecretStore::keyFor(const QString &collectionId, const QString &environment,
                            const QString &variable)
{
    return collectionId + u'/' + environment + u'/' + variable;
}

void SecretStore::fallBackToMemory(const QString &reason)
{
    if (!m_persistent)
        return;
    m_persistent = false;
    m_reason = reason;
    m_message = QStringLiteral("No keyring available: secret values are kept only until "
                               "Patchbay quits (%1).")
                    .arg(reason);
    qCWarning(lcSecrets) << m_message;
    emit persistenceChanged(false);
}

void SecretStore::answerLater(void (SecretStore::*signal)(const SecretReply &), SecretReply reply)
{
    QTimer::singleShot(0, this, [this, signal, reply] { emit(this->*signal)(reply); });
}

void SecretStore::write(const QString &key, const QString &value)
{
    m_memory.insert(key, value);
    if (!m_persistent) {
        answerLater(&SecretStore::writeFinished, {key, {}, SecretReply::Status::Ok, m_message});
        return;
    }
    auto *job = makeJob<QKeychain::WritePasswordJob>(m_service, key);
    job->setTextData(value);
    ++m_changesInFlight;
    connect(job, &QKeychain::Job::finished, this, [this, job, key] {
        SecretReply reply {key, {}, SecretReply::Status::Ok, {}};
        if (isBackendFailure(job->error())) {
            fallBackToMemory(job->errorString());
            reply.message = m_message;
        }
        emit writeFinished(reply);
        changeFinished();
    });
    job->start();
}

void SecretStore::read(const QString &key)
{
    const auto cached = m_memory.constFind(key);
    if (cached != m_memory.constEnd()) {
        answerLater(&SecretStore::readFinished, {key, *cached, SecretReply::Status::Ok, m_message});
        return;
    }
    if (!m_persistent) {
        answerLater(&SecretStore::readFinished,
                    {key, {}, SecretReply::Status::NotFound, m_message});
        return;
    }
    auto *job = makeJob<QKeychain::ReadPasswordJob>(m_service, key);
    connect(job, &QKeychain::Job::finished, this, [this, job, key] {
        SecretReply reply {key, {}, SecretReply::Status::Ok, {}};
        if (job->error() == QKeychain::NoError) {
            reply.value = job->textData();
            // A write of the same key may have happened meanwhile; it wins.
            if (!m_memory.contains(key))
                m_memory.insert(key, reply.value);
            else
                reply.value = m_memory.value(key);
        } else if (job->error() == QKeychain::EntryNotFound) {
            reply.status = SecretReply::Status::NotFound;
        } else {
            fallBackToMemory(job->errorString());
            reply.status
                = m_memory.contains(key) ? SecretReply::Status::Ok : SecretReply::Status::Failed;
            reply.value = m_memory.value(key);
            reply.message = m_message;
        }
        emit readFinished(reply);
    });
    job->start();
}

void SecretStore::remove(const QString &key)
{
    m_memory.remove(key);
    if (!m_persistent) {
        answerLater(&SecretStore::removeFinished, {key, {}, SecretReply::Status::Ok, m_message});
        return;
    }
    auto *job = makeJob<QKeychain::DeletePasswordJob>(m_service, key);
    ++m_changesInFlight;
    connect(job, &QKeychain::Job::finished, this, [this, job, key] {
        SecretReply reply {key, {}, SecretReply::Status::Ok, {}};
        if (isBackendFailure(job->error())) {
            fallBackToMemory(job->errorString());
            reply.message = m_message;
        }
        emit removeFinished(reply);
        changeFinished();
    });
    job->start();
}

void SecretStore::changeFinished()
{
    if (--m_changesInFlight == 0)
        emit settled();
}

} // namespace Patchbay::Core
