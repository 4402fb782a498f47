#pragma once

#include "core/collections/sendcontext.h"
#include "core/runner/collectionrunner.h"

#include <QDialog>
#include <QUrl>

#include <functional>
#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QNetworkAccessManager;
class QPushButton;
class QSpinBox;
class QTreeWidget;

namespace Patchbay::Core {
class HttpClient;
class Workspace;
} // namespace Patchbay::Core

namespace Patchbay::Ui {

class AuthServices;

// Runs a collection, folder or request of a workspace with an environment (picked in the dialog,
// the collection's active one at first), one request after another, and lists each result as it
// arrives: request, status, time, assertions passed and failed, with the failure messages (and
// imported scripts not run) as expandable child rows. A summary line ends the run; Stop cancels
// the request in flight. Requests that use {{$sandboxUrl}} start the built-in sandbox first.
class RunnerDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunnerDialog)

public:
    // The requests are read from `workspace` now, and again when another environment is
    // picked: `workspace` must outlive the dialog.
    // `environmentPath` may be empty. `network` is not owned and must outlive the dialog.
    // Secret variables take their values from `secrets` (the window's keyring cache).
    RunnerDialog(const Core::Workspace &workspace, const QString &path,
                 const QString &environmentPath, QNetworkAccessManager *network,
                 QWidget *parent = nullptr, const Core::SecretLookup &secrets = {});
    ~RunnerDialog() override;

    bool isRunning() const;
    // OAuth 2.0 for the run: the window's tokens, browser and history (ui/auth).
    void setAuthServices(AuthServices *services);

    // Starts the built-in sandbox API if needed and gives its address (empty when it cannot
    // start): {{$sandboxUrl}} resolves to it.
    using SandboxAddress = std::function<QUrl()>;
    void setSandboxAddress(SandboxAddress address);
    // What `matches-spec` assertions ask (CollectionRunner::setSpecCheck); without one they fail
    // saying no description is linked.
    void setSpecCheck(Core::SpecCheck check);
    // The environment the run uses ("" for none); the picker changes it.
    QString environmentPath() const;
    void setEnvironmentPath(const QString &path);
    // "Sandbox updates, run at 14:03:12": names the run's requests in History.
    QString runLabel() const { return m_runLabel; }

    // For tests and the window.
    QTreeWidget *resultsView() const { return m_results; }
    QLabel *summaryLabel() const { return m_summary; }
    QPushButton *runButton() const { return m_run; }
    QPushButton *stopButton() const { return m_stop; }
    QSpinBox *iterationsBox() const { return m_iterations; }
    QSpinBox *delayBox() const { return m_delay; }
    QCheckBox *bailBox() const { return m_bail; }
    // "Run imported scripts": shown only when some request has scripts; remembered per
    // collection (the user's trust, never written into the collection's files).
    QCheckBox *trustScriptsBox() const { return m_trustScripts; }
    QCheckBox *workspaceCookiesBox() const { return m_workspaceCookies; }
    QComboBox *environmentBox() const { return m_environment; }

public slots:
    void start();
    void stop();

signals:
    void runFinished(const Patchbay::Core::RunSummary &summary);
    // Each exchange of the run, with the values of the secret variables it used (see
    // CollectionRunner::exchangeFinished); runLabel() names the run.
    void exchangeFinished(const Patchbay::Core::Request &sent,
                          const Patchbay::Core::Response &response,
                          const QStringList &secretValues);

private:
    void onRequestFinished(const Core::RequestResult &result);
    void onFinished(const Core::RunSummary &summary);
    // Reads the requests again with the chosen environment.
    void loadItems();
    bool usesSandbox() const;

    const Core::Workspace &m_workspace; // not owned; outlives the dialog (the window's)
    QString m_path;
    Core::SecretLookup m_secrets;
    SandboxAddress m_sandbox;
    QString m_runLabel;
    QString m_itemsError;
    QList<Core::RunItem> m_items;
    std::unique_ptr<Core::HttpClient> m_client; // owned
    Core::CollectionRunner *m_runner; // owned (child)
    QTreeWidget *m_results; // owned (child)
    QLabel *m_summary; // owned (child)
    QLabel *m_progress; // owned (child)
    QPushButton *m_run; // owned (child)
    QPushButton *m_stop; // owned (child)
    QSpinBox *m_iterations; // owned (child)
    QSpinBox *m_delay; // owned (child)
    QCheckBox *m_bail; // owned (child)
    QCheckBox *m_trustScripts; // owned (child)
    QCheckBox *m_workspaceCookies; // owned (child)
    QComboBox *m_environment; // owned (child)
    QString m_trustKey; // settings key of this collection's trust
    qint64 m_total = 0;
};

} // namespace Patchbay::Ui
