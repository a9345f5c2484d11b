import './tracing';
import 'reflect-metadata';
import { runServer } from '@turbota/server';
import { BotModule } from './bot.module';

// No dashboard here: `/` opens the web chat.
void runServer('bot', [BotModule], { dashboard: false, chat: true });
