// Counted texts ("%n change(s)") read as English should: "1 change", "2 changes". Their forms
// are in resources/translations/patchbay_en.ts; this fails when a counted text in ui/ or app/
// has none (run scripts/update-plurals, then check the new forms).
#include "ui/common/translations.h"

#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

namespace {

// The counted source texts of a .ts file, and whether each has its forms.
QHash<QString, bool> countedTexts(const QString &tsFile)
{
    QFile file(tsFile);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QString text = QString::fromUtf8(file.readAll());
    static const QRegularExpression message(
        QStringLiteral("<message numerus=\"yes\">\\s*<source>(.*?)</source>\\s*<translation"
                       "( type=\"unfinished\")?>"),
        QRegularExpression::DotMatchesEverythingOption);
    QHash<QString, bool> texts;
    for (const QRegularExpressionMatch &m : message.globalMatch(text))
        texts.insert(m.captured(1), m.captured(2).isEmpty());
    return texts;
}

} // namespace

class TestTranslations final : public QObject
{
    Q_OBJECT

private slots:
    void countedTextsReadAsEnglish()
    {
        QVERIFY(Patchbay::Ui::installEnglishPlurals(QCoreApplication::instance()));
        const char *source = "%n change(s); %1 operations unchanged. Nothing is written until "
                             "you apply.";
        QCOMPARE(QCoreApplication::translate("Patchbay::Ui::SpecUpdateDialog", source, nullptr, 1)
                     .arg(3),
                 QStringLiteral("1 change; 3 operations unchanged. Nothing is written until you "
                                "apply."));
        QCOMPARE(QCoreApplication::translate("Patchbay::Ui::SpecUpdateDialog", source, nullptr, 2)
                     .arg(3),
                 QStringLiteral("2 changes; 3 operations unchanged. Nothing is written until "
                                "you apply."));
        QCOMPARE(QCoreApplication::translate("Patchbay::Ui::ResponseDiffDialog",
                                             "%n field(s) of the JSON bodies differ.", nullptr, 1),
                 QStringLiteral("1 field of the JSON bodies differs."));
    }

    // Every counted text of the sources has its forms in the committed file.
    void everyCountedTextHasItsForms()
    {
        const QString sources = qEnvironmentVariable("PATCHBAY_SOURCE_DIR");
        QTemporaryDir dir;
        const QString fresh = dir.filePath(QStringLiteral("fresh_en.ts"));
        QProcess lupdate;
        lupdate.start(QStringLiteral(PATCHBAY_LUPDATE),
                      {QStringLiteral("-pluralonly"), QStringLiteral("-locations"),
                       QStringLiteral("none"), QStringLiteral("-target-language"),
                       QStringLiteral("en"), sources + QStringLiteral("/ui"),
                       sources + QStringLiteral("/app"), QStringLiteral("-ts"), fresh});
        QVERIFY(lupdate.waitForFinished(120000));
        QCOMPARE(lupdate.exitCode(), 0);
        const QHash<QString, bool> wanted = countedTexts(fresh);
        const QHash<QString, bool> committed
            = countedTexts(sources + QStringLiteral("/resources/translations/patchbay_en.ts"));
        QVERIFY(wanted.size() >= 20);
        QStringList missing;
        for (auto it = wanted.cbegin(); it != wanted.cend(); ++it) {
            if (!committed.value(it.key(), false))
                missing << it.key();
        }
        QVERIFY2(missing.isEmpty(),
                 qPrintable(QStringLiteral("Counted texts without their forms in "
                                           "resources/translations/patchbay_en.ts (run "
                                           "scripts/update-plurals, then check them):\n")
                            + missing.join(u'\n')));
    }
};

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
