#pragma once

#include <QString>
#include <QUrl>

namespace Patchbay::Ui {
class MainWindow;
}

// --screenshot-tls FILE --screenshot-tls-url URL: sends GET URL once the workspace's network
// settings are loaded, shows the response's TLS tab and saves the window; then, with
// --screenshot-cookies FILE2, opens Tools → Cookies and saves that dialog; then quits.
// scripts/screenshot-network runs this under Xvfb against nginx and a throwaway PKI.
void scheduleNetworkScreenshots(Patchbay::Ui::MainWindow &window, const QUrl &tlsUrl,
                                const QString &tlsPath, const QString &cookiesPath);
