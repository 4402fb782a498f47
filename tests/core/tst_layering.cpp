#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QTest>

// core/ is the engine shared by the GUI and the CLI: it must never depend on Gui or Widgets.
class TestLayering final : public QObject
{
    Q_OBJECT

private slots:
    void coreIncludesNoGuiHeaders()
    {
        const QString root = qEnvironmentVariable("PATCHBAY_SOURCE_DIR") + QStringLiteral("/core");
        QVERIFY2(QFileInfo(root).isDir(), qPrintable(root));
        static const QRegularExpression forbidden(QStringLiteral(
            "^\\s*#\\s*include\\s*[<\"](Qt(Gui|Widgets|Svg|SvgWidgets|PrintSupport|OpenGL)\\b|"
            "Q(Widget|Application|GuiApplication|Icon|Color|Pixmap|Image|Painter|Font|Palette|"
            "Clipboard|Action|MainWindow|Dialog|AbstractButton|LineEdit)\\b|Qsci/)"));
        int files = 0;
        QStringList offenders;
        QDirIterator it(root, {QStringLiteral("*.h"), QStringLiteral("*.cpp")}, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadOnly));
            ++files;
            int lineNo = 0;
            while (!f.atEnd()) {
                ++lineNo;
                const QString line = QString::fromUtf8(f.readLine());
                if (forbidden.match(line).hasMatch())
                    offenders << path + u':' + QString::number(lineNo) + u": " + line.trimmed();
            }
        }
        QVERIFY2(files > 0, "no core sources found");
        QVERIFY2(offenders.isEmpty(), qPrintable(offenders.join(u'\n')));
    }

    void coreCMakeLinksNoGui()
    {
        const QString root = qEnvironmentVariable("PATCHBAY_SOURCE_DIR") + QStringLiteral("/core");
        QDirIterator it(root, {QStringLiteral("CMakeLists.txt")}, QDir::Files,
                        QDirIterator::Subdirectories);
        int files = 0;
        while (it.hasNext()) {
            QFile f(it.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            ++files;
            const QByteArray text = f.readAll();
            QVERIFY2(!text.contains("Qt6::Gui") && !text.contains("Qt6::Widgets"),
                     qPrintable(f.fileName()));
        }
        QVERIFY(files > 0);
    }
};

QTEST_GUILESS_MAIN(TestLayering)
#include "tst_layering.moc"
