// Setup of the jest project that runs the shared suite on the DynamoDB adapter (dynalite).
import { stopSharedDynalite } from './test-stores';

process.env.TEST_STORE = 'dynamodb';
afterAll(stopSharedDynalite);
