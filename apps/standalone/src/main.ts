import './tracing';
import 'reflect-metadata';
import { runServer } from '@turbota/server';
import { ApiModule } from '../../api/src/api.module';
import { BotModule } from '../../bot/src/bot.module';

// The whole system in one process, for a single machine.
void runServer('standalone', [ApiModule, BotModule], { dashboard: true, chat: true });
