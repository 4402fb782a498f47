#pragma once

#include "core/common/result.h"
#include "core/cookies/cookie.h"

#include <QObject>
#include <QString>
#include <QThreadPool>
#include <QTimer>

namespace Patchbay::Core {

class CookieJar;

// Keeps a workspace's CookieJar in a file: load() fills the jar, and every change is written
// back shortly after (debounced, on a worker thread, atomically, 0600), so that cookies survive
// a restart. Session cookies are kept too, as Postman does: a login made yesterday still works.
// The file lives in the workspace's private folder `.patchbay/` (0700), which holds a
// `.gitignore` of "*" so that a workspace kept in git never commits its cookies.
class CookieJarFile final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CookieJarFile)

public:
    CookieJarFile(CookieJar *jar, QString path, QObject *parent = nullptr); // jar not owned
    ~CookieJarFile() override; // writes pending changes

    // `<workspace>/.patchbay/cookies.json`
    static QString pathForWorkspace(const QString &workspaceRoot);

    QString path() const { return m_path; }
    // Reads the file into the jar (a missing file is an empty jar). Expired cookies are dropped.
    Status load();
    // The same on the writer thread; loaded() follows. Cookies the jar got meanwhile win over
    // the file's of the same name, domain and path.
    void loadInBackground();
    // Writes now if a change is pending; waits for a write in progress.
    Status flush();

signals:
    // loadInBackground() is done; `message` says why the file could not be read, if it could not.
    void loaded(const QString &message);
    // A background write failed; the message says where and why.
    void writeFailed(const QString &message);

private:
    void onJarChanged();
    void writeInBackground();
    void apply(const CookieList &fromFile);

    CookieJar *m_jar; // not owned; outlives this object
    QString m_path;
    QTimer m_debounce;
    QThreadPool m_writer; // one thread: writes never overlap and stay in order
    bool m_loading = false;
    bool m_dirty = false;
};

// Creates `dir` (0700) with a `.gitignore` that ignores everything in it.
Status ensurePrivateFolder(const QString &dir);

} // namespace Patchbay::Core
