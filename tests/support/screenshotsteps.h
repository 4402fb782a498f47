#pragma once

#include <QApplication>
#include <QTimer>
#include <QWidget>

#include <cstdio>
#include <functional>
#include <memory>

// The screenshot programs (scripts/screenshot) drive a real window step by step from the event
// loop: each step waits for the window to reach a state, then acts.
namespace Patchbay::Test {

// Calls `then` once `ready` holds, polling every 50 ms. After 30 s it saves what the visible
// windows show to /tmp/screenshot-timeout-CODE-N.png, to see where it stuck, and exits with
// `code`.
inline void when(const std::function<bool()> &ready, const std::function<void()> &then, int code)
{
    auto *timer = new QTimer(qApp); // owned by the application until it fires
    auto polls = std::make_shared<int>(0);
    QObject::connect(timer, &QTimer::timeout, qApp, [=] {
        if (ready()) {
            timer->deleteLater();
            then();
        } else if (++*polls > 600) {
            std::fprintf(stderr, "timed out (step %d)\n", code);
            int shown = 0;
            for (QWidget *w : QApplication::topLevelWidgets())
                if (w->isVisible())
                    w->grab().save(
                        QStringLiteral("/tmp/screenshot-timeout-%1-%2.png").arg(code).arg(++shown));
            QCoreApplication::exit(code);
        }
    });
    timer->start(50);
}

} // namespace Patchbay::Test
