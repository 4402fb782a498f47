#include "core/cookies/cookiejarfile.h"

#include "core/cookies/cookiefiles.h"
#include "core/cookies/cookiejar.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QPointer>
#include <QSaveFile>

#include <algorithm>

namespace Patchbay::Core {

namespace {

constexpr int kWriteDelayMs = 300;

} // namespace

Status ensurePrivateFolder(const QString &dir)
{
    if (!QDir().mkpath(dir))
        return Error {QStringLiteral("cannot-write"),
                      QStringLiteral("The folder %1 cannot be created. Check the permissions of "
                                     "the workspace folder.")
                          .arg(dir)};
    QFile::setPermissions(dir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    const QString ignore = dir + QStringLiteral("/.gitignore");
    if (!QFileInfo::exists(ignore)) {
        QSaveFile file(ignore);
        if (file.open(QIODevice::WriteOnly)) {
            file.write("# Patchbay's private files (cookies): never commit them.\n*\n");
            file.commit();
        }
    }
    return Ok {};
}

CookieJarFile::CookieJarFile(CookieJar *jar, QString path, QObject *parent)
    : QObject(parent)
    , m_jar(jar)
    , m_path(std::move(path))
{
    m_writer.setMaxThreadCount(1);
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(kWriteDelayMs);
    connect(&m_debounce, &QTimer::timeout, this, &CookieJarFile::writeInBackground);
    connect(m_jar, &CookieJar::changed, this, &CookieJarFile::onJarChanged);
}

CookieJarFile::~CookieJarFile()
{
    flush();
}

QString CookieJarFile::pathForWorkspace(const QString &workspaceRoot)
{
    return workspaceRoot + QStringLiteral("/.patchbay/cookies.json");
}

namespace {

Result<CookieList> readJarFile(const QString &path)
{
    if (!QFileInfo::exists(path))
        return CookieList();
    Result<CookieList> read = readCookieFile(path);
    if (!read.ok())
        return read;
    CookieList cookies = std::move(read).value();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    cookies.removeIf([&now](const Cookie &c) { return c.isExpired(now); });
    return cookies;
}

} // namespace

Status CookieJarFile::load()
{
    m_writer.waitForDone();
    Result<CookieList> cookies = readJarFile(m_path);
    if (!cookies.ok())
        return cookies.error();
    m_loading = true;
    m_jar->setCookies(cookies.value());
    m_loading = false;
    m_dirty = false;
    return Ok {};
}

void CookieJarFile::loadInBackground()
{
    const QString path = m_path;
    m_writer.start([this, path] {
        // The destructor waits for this thread, so `this` outlives the call posted here.
        Result<CookieList> cookies = readJarFile(path);
        QMetaObject::invokeMethod(
            this,
            [this, cookies] {
                if (cookies.ok())
                    apply(cookies.value());
                emit loaded(cookies.ok() ? QString() : cookies.error().message);
            },
            Qt::QueuedConnection);
    });
}

void CookieJarFile::apply(const CookieList &fromFile)
{
    const CookieList meanwhile = m_jar->cookies();
    CookieList merged = fromFile;
    for (const Cookie &cookie : meanwhile) {
        const auto same = std::find_if(merged.begin(), merged.end(), [&cookie](const Cookie &c) {
            return c.sameIdentity(cookie);
        });
        if (same != merged.end())
            *same = cookie;
        else
            merged.append(cookie);
    }
    m_loading = true;
    m_jar->setCookies(merged);
    m_loading = false;
    m_dirty = !meanwhile.isEmpty();
    if (m_dirty)
        m_debounce.start();
}

void CookieJarFile::onJarChanged()
{
    if (m_loading)
        return;
    m_dirty = true;
    m_debounce.start();
}

void CookieJarFile::writeInBackground()
{
    if (!m_dirty)
        return;
    m_dirty = false;
    const CookieList cookies = m_jar->cookies();
    const QString path = m_path;
    QPointer<CookieJarFile> self(this);
    m_writer.start([cookies, path, self] {
        Status written = ensurePrivateFolder(QFileInfo(path).absolutePath());
        if (written.ok())
            written = writeCookieFile(path, cookies);
        if (!written.ok()) {
            const QString message = written.error().message;
            QMetaObject::invokeMethod(
                QCoreApplication::instance(),
                [self, message] {
                    if (self)
                        emit self->writeFailed(message);
                },
                Qt::QueuedConnection);
        }
    });
}

Status CookieJarFile::flush()
{
    m_debounce.stop();
    m_writer.waitForDone();
    if (!m_dirty)
        return Ok {};
    m_dirty = false;
    const Status folder = ensurePrivateFolder(QFileInfo(m_path).absolutePath());
    if (!folder.ok())
        return folder;
    return writeCookieFile(m_path, m_jar->cookies());
}

} // namespace Patchbay::Core
