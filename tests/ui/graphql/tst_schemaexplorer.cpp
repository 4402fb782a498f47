#include "core/graphql/graphqlschema.h"
#include "tests/support/testfiles.h"
#include "ui/graphql/schemaexplorer.h"

#include <QAbstractItemModelTester>
#include <QLineEdit>
#include <QListView>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>
#include <QTextBrowser>

using namespace Patchbay;
using namespace Patchbay::Core;
using namespace Patchbay::Test;

namespace {

std::shared_ptr<const GraphQl::Schema> starWars()
{
    return std::make_shared<const GraphQl::Schema>(
        GraphQl::schemaFromFile(
            readFile(qEnvironmentVariable("PATCHBAY_SOURCE_DIR")
                     + QStringLiteral("/tests/core/graphql/data/starwars.introspection.json")))
            .value());
}

QStringList names(const QAbstractItemModel *model)
{
    QStringList out;
    for (int row = 0; row < model->rowCount(); ++row)
        out.append(model->index(row, 0).data().toString());
    return out;
}

} // namespace

// The schema explorer: its types model, search, and the documentation of a type.
class TestSchemaExplorer final : public QObject
{
    Q_OBJECT

private slots:
    void modelListsRootsFirst()
    {
        Ui::SchemaTypesModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSchema(starWars());
        const QStringList list = names(&model);
        QCOMPARE(list.mid(0, 3),
                 QStringList({QStringLiteral("Root"), QStringLiteral("Mutation"),
                              QStringLiteral("Subscription")}));
        QCOMPARE(list.at(3), QStringLiteral("Character"));
        QVERIFY(list.indexOf(QStringLiteral("String")) > list.indexOf(QStringLiteral("Starship")));
        QVERIFY(list.last().startsWith(QLatin1String("__")));
        QCOMPARE(model.index(3, 0).data(Qt::ToolTipRole).toString(), QStringLiteral("interface"));
        model.setSchema(nullptr);
        QCOMPARE(model.rowCount(), 0);
    }

    void browsesTypesAndTheirDocumentation()
    {
        Ui::SchemaExplorer explorer;
        explorer.resize(500, 700);
        explorer.show();
        QVERIFY(QTest::qWaitForWindowExposed(&explorer));
        explorer.setSchema(starWars());
        QCOMPARE(explorer.currentType(), QStringLiteral("Root"));
        QString text = explorer.documentation()->toPlainText();
        QVERIFY2(text.contains(QLatin1String("The root of queries.")), qPrintable(text));
        QVERIFY(text.contains(
            QLatin1String("search(text: String!, limit: Int = 20): [SearchResult!]!")));
        QVERIFY(text.contains(QLatin1String("oldHero: Character deprecated: Use `hero`.")));
        QVERIFY(text.contains(QLatin1String("Look up by id.")));
        QVERIFY(text.contains(QLatin1String("id: The id of the human"))); // argument docs

        // Following a type link, then Back.
        emit explorer.documentation()->anchorClicked(QUrl(QStringLiteral("type:Episode")));
        QCOMPARE(explorer.currentType(), QStringLiteral("Episode"));
        text = explorer.documentation()->toPlainText();
        QVERIFY(text.contains(QLatin1String("JEDI deprecated: Use \"RETURN\" instead")));
        QVERIFY(text.contains(QLatin1String("Released in 1977.")));
        QCOMPARE(explorer.typeList()->currentIndex().data().toString(), QStringLiteral("Episode"));
        emit explorer.documentation()->anchorClicked(QUrl(QStringLiteral("back")));
        QCOMPARE(explorer.currentType(), QStringLiteral("Root"));

        // Search filters the list; picking a type shows it.
        QTest::keyClicks(explorer.filter(), QStringLiteral("input"));
        QCOMPARE(names(explorer.proxy()),
                 QStringList({QStringLiteral("ColorInput"), QStringLiteral("ReviewInput"),
                              QStringLiteral("__InputValue")}));
        explorer.typeList()->setCurrentIndex(explorer.proxy()->index(1, 0));
        QCOMPARE(explorer.currentType(), QStringLiteral("ReviewInput"));
        text = explorer.documentation()->toPlainText();
        QVERIFY(text.contains(
            QLatin1String("favoriteColor: ColorInput = {red: 0, green: 0, blue: 255}")));
        QVERIFY(text.contains(QLatin1String("Comment about the movie")));

        // Unions and interfaces list their members.
        QVERIFY(explorer.showType(QStringLiteral("Character")));
        QVERIFY(explorer.documentation()->toPlainText().contains(QLatin1String("Implemented by")));
        QVERIFY(!explorer.showType(QStringLiteral("Nope")));

        // Clicking a field asks to insert it.
        QSignalSpy insert(&explorer, &Ui::SchemaExplorer::insertRequested);
        emit explorer.documentation()->anchorClicked(QUrl(QStringLiteral("insert:appearsIn")));
        QCOMPARE(insert.size(), 1);
        QCOMPARE(insert.first().first().toString(), QStringLiteral("appearsIn"));
    }
};

QTEST_MAIN(TestSchemaExplorer)
#include "tst_schemaexplorer.moc"
