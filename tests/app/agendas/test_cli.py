"""flask agendas export / resend."""
import zipfile


def test_export_writes_every_document(runner, plan_event, publish, tmp_path, db):
    publish(plan_event["event"])
    db.session.commit()
    out = tmp_path / "out"
    result = runner.invoke(args=["agendas", "export", "--event", str(plan_event["event"].id), "--out", str(out),
                                 "--lang", "bilingual", "--workers", "1"])
    assert result.exit_code == 0, result.output
    for name in ("agendas-all.pdf", "agendas.zip", "master-plan.pdf", "table-sheets.pdf", "desk-list.pdf"):
        assert (out / name).stat().st_size > 1000, name
    with zipfile.ZipFile(out / "agendas.zip") as zf:
        assert len(zf.namelist()) == 3
    assert len(list((out / "agendas").glob("*.pdf"))) == 3


def test_export_errors_are_one_line(runner, make_event, tmp_path, db):
    event = make_event(slug="nothing")
    db.session.commit()
    result = runner.invoke(args=["agendas", "export", "--event", str(event.id), "--out", str(tmp_path)])
    assert result.exit_code == 2 and "no plan to print" in result.output
    result = runner.invoke(args=["agendas", "export", "--event", "999999", "--out", str(tmp_path)])
    assert result.exit_code == 2 and "999999" in result.output


def test_resend_without_publication_fails_clearly(runner, plan_event):
    result = runner.invoke(args=["agendas", "resend", "--event", str(plan_event["event"].id)])
    assert result.exit_code == 2 and "not been published" in result.output
