// `node resume.mjs`: goes on with every unfinished uzpay flow in the shop's state, then
// exits (1 if a flow ended in an error, recorded on it; 2 if it could not start). The
// server does the same when it starts; this is for a host that starts the server later,
// or wants the unfinished work done first.
//
// A process that died mid-payment left its flow `running`, with the snapshot saved
// before its last request left. Each flow is restored, resumed (that request may have
// arrived, so the flow looks it up or reads it back, never repeats it blind) and run
// to its end, saving as it goes. A card payment waiting for its SMS code stays
// waiting: only the card holder has it.
//
// It takes the state file's lock: it refuses to run while the server owns the file.

import { settingsFromEnv } from './settings.mjs';
import { openShop } from './shop.mjs';

let shop;
try {
  shop = await openShop(settingsFromEnv());
} catch (error) {
  console.error(error.message); // the server owns the state, or a setting is missing
  process.exit(2);
}
try {
  for (const { flow, error } of await shop.resumeUnfinished()) {
    const line = `${flow.flow} flow ${flow.id} of payment ${flow.paymentId}: ${flow.status}`;
    if (error) {
      console.error(`${line}: ${error.message}`);
      process.exitCode = 1;
    } else {
      console.log(line);
    }
  }
} finally {
  await shop.close();
}
