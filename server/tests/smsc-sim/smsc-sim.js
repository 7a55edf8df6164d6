#!/usr/bin/env node
// An SMSC for the SMPP tests (node-smpp as a server, an implementation
// independent of the client's): node smsc-sim.js <port> <out.jsonl>
// It binds transceivers with system_id "nomir" and password "secret"
// (others: ESME_RBINDFAIL), answers enquire_link, takes submit_sm (UCS-2
// decoded, concatenated parts joined by their UDH) and writes one JSON
// line per whole message: {"ids", "to", "from", "text", "parts",
// "data_coding"}. 50 ms after each part it sends a delivery receipt
// (deliver_sm, esm_class 0x04, receipted_message_id, "stat:DELIVRD").
'use strict';
const fs = require('fs');
const smpp = require('smpp');

const port = Number(process.argv[2]);
const out = process.argv[3];
// Keep UCS-2 payloads as raw bytes, to decode parts only once joined.
delete smpp.encodings.UCS2;
let nextId = 1;
const joining = new Map();

const ucs2 = (buf) => Buffer.from(buf).swap16().toString('utf16le');
const text = (m, dc) =>
  Buffer.isBuffer(m) ? ((dc & 0x0f) === 8 ? ucs2(m) : m.toString('latin1')) : String(m || '');

function concatenation(sm) {
  for (const ie of sm.udh || []) {
    if (ie[0] === 0x00 && ie[1] === 3) return { ref: ie[2], total: ie[3], seq: ie[4] };
    if (ie[0] === 0x08 && ie[1] === 4) return { ref: ie.readUInt16BE(2), total: ie[4], seq: ie[5] };
  }
  return null;
}

function write(pdu, body, parts, ids) {
  const line = {
    ids, to: pdu.destination_addr, from: pdu.source_addr,
    text: text(body, pdu.data_coding), parts, data_coding: pdu.data_coding,
  };
  fs.appendFileSync(out, JSON.stringify(line) + '\n');
}

function receipt(session, pdu, id) {
  setTimeout(() => {
    const ts = new Date().toISOString().replace(/\D/g, '').slice(2, 12);
    session.deliver_sm({
      source_addr: pdu.destination_addr,
      destination_addr: pdu.source_addr,
      esm_class: smpp.ESM_CLASS.MC_DELIVERY_RECEIPT,
      short_message: Buffer.from(
        `id:${id} sub:001 dlvrd:001 submit date:${ts} done date:${ts} stat:DELIVRD err:000 text:`, 'ascii'),
      receipted_message_id: id,
      message_state: smpp.MESSAGE_STATE.DELIVERED,
    });
  }, 50);
}

smpp.createServer((session) => {
  session.on('error', () => {});
  session.on('bind_transceiver', (pdu) => {
    const ok = pdu.system_id === 'nomir' && pdu.password === 'secret';
    session.send(pdu.response(ok ? { system_id: 'smsc-sim' } : { command_status: smpp.ESME_RBINDFAIL }));
    if (!ok) session.close();
  });
  session.on('enquire_link', (pdu) => session.send(pdu.response()));
  session.on('unbind', (pdu) => { session.send(pdu.response()); session.close(); });
  session.on('deliver_sm_resp', () => {});
  session.on('submit_sm', (pdu) => {
    const id = `sim-${process.pid}-${nextId++}`;
    session.send(pdu.response({ message_id: id }));
    if (pdu.registered_delivery & 0x03) receipt(session, pdu, id);
    const sm = pdu.short_message || {};
    const c = concatenation(sm);
    if (!c || c.total <= 1) return write(pdu, sm.message, 1, [id]);
    const key = `${pdu.destination_addr}|${c.ref}|${c.total}`;
    const whole = joining.get(key) || { parts: [], ids: [] };
    whole.parts[c.seq - 1] = sm.message;
    whole.ids[c.seq - 1] = id;
    joining.set(key, whole);
    if (whole.parts.filter((p) => p !== undefined).length < c.total) return;
    joining.delete(key);
    write(pdu, Buffer.concat(whole.parts), c.total, whole.ids);
  });
}).listen(port, '127.0.0.1', () => console.log(`listening on ${port}`));
